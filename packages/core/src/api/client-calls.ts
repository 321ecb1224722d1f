// What an Auth0 client does, loaded as one chunk on the first call (or when a chart's actor is
// created): the HTTP layer (ofetch), the Auth0 error model, every call and the ID-token checks
// (jose). A page shows its first step without them. `createAuth0Client` (client.ts) is the
// synchronous face of this module. One chunk, not one per concern: each chunk is compressed on its
// own, and every login that completes needs them all (ID-token checks are on by default).
import type { Auth0Client } from './client.ts';
import type { ClientContext } from './context.ts';
import { createJwksCache, sharedJwksCache, validateIdToken, type JwksCache } from './id-token.ts';
import * as mfa from './mfa.ts';
import type { ResolvedOptions } from './options.ts';
import * as passwordless from './passwordless.ts';
import * as session from './session.ts';
import { createTransport } from './transport.ts';

export { parseMagicLinkCallback } from './callback.ts';
export { validateIdToken } from './id-token.ts';

export type Auth0Calls = Omit<Auth0Client, 'baseUrl' | 'clientId'>;

export function createAuth0Calls(resolved: ResolvedOptions): Auth0Calls {
  const context: ClientContext = { options: resolved, transport: createTransport(resolved) };
  // Made with the validator, on the first token to check: the key set is fetched through this client.
  let jwksCache: JwksCache | undefined;
  return {
    startPasswordless: (params) => passwordless.startPasswordless(context, params),
    exchangeOtp: (params) => passwordless.exchangeOtp(context, params),
    listAuthenticators: (params) => mfa.listAuthenticators(context, params),
    challenge: (params) => mfa.challenge(context, params),
    verifyMfaOtp: (params) => mfa.verifyMfaOtp(context, params),
    verifyMfaOob: (params) => mfa.verifyMfaOob(context, params),
    verifyRecoveryCode: (params) => mfa.verifyRecoveryCode(context, params),
    associate: (params) => mfa.associate(context, params),
    refresh: (params) => session.refresh(context, params),
    revoke: (params) => session.revoke(context, params),
    userInfo: (params) => session.userInfo(context, params),
    exchangeAuthorizationCode: (params) => session.exchangeAuthorizationCode(context, params),
    validateIdToken: (idToken, check = {}) => {
      // Shared by the clients on the same fetch; a custom clock keeps its own (its timing is its own).
      jwksCache ??=
        resolved.now === Date.now
          ? sharedJwksCache(context.transport, resolved.fetch)
          : createJwksCache(context.transport, 30_000, resolved.now);
      return validateIdToken(idToken, {
        now: resolved.now,
        jwksCache,
        ...check,
        issuer: check.issuer ?? resolved.baseUrl,
        clientId: resolved.clientId,
      });
    },
  };
}
