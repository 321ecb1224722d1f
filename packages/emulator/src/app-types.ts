import { GRANT, type AppType, type ClientConfig } from './config.ts';

/** The grants Auth0 offers a new application of each type (Dashboard > Advanced > Grant Types). */
export const defaultGrants: Record<AppType, string[]> = {
  native: Object.values(GRANT),
  regular_web: Object.values(GRANT),
  // No Passwordless OTP and no MFA grant: Auth0 does not offer them to Single-Page Applications.
  spa: [GRANT.authorizationCode, GRANT.implicit, GRANT.refreshToken],
};

const forbiddenForSpa = [GRANT.passwordlessOtp, GRANT.mfaOtp, GRANT.mfaOob, GRANT.mfaRecoveryCode] as const;
const appTypes = Object.keys(defaultGrants);

/** Refuses, at start-up, a client Auth0 would not let anyone configure. */
export function assertClientIsPossible(client: ClientConfig): void {
  if (!appTypes.includes(client.appType)) {
    throw new Error(
      `Client "${client.clientId}" has appType ${JSON.stringify(client.appType)}; use one of ${appTypes.join(', ')}.`,
    );
  }
  const forbidden = forbiddenForSpa.filter((grant) => client.grantTypes.includes(grant));
  if (client.appType === 'spa' && forbidden.length > 0) {
    throw new Error(
      `Client "${client.clientId}" is a Single-Page Application (appType "spa"), and Auth0 does not allow ` +
        `the grant${forbidden.length > 1 ? 's' : ''} ${forbidden.join(', ')} on SPAs. Give an app that ` +
        `calls the Authentication API from the device appType "native", give a server appType ` +
        `"regular_web" with a clientSecret, or sign an SPA in through /co/authenticate or /authorize ` +
        `(grants authorization_code, implicit, refresh_token).`,
    );
  }
}
