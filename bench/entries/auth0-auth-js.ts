// Auth0's own SDK doing what our chart does: passwordless e-mail code, then MFA (list, challenge, verify).
import { AuthClient } from '@auth0/auth0-auth-js';

export async function signIn(email: string, code: () => Promise<string>, mfaCode: () => Promise<string>) {
  const client = new AuthClient({ domain: 'example.eu.auth0.com', clientId: 'native-client-id' });
  await client.passwordless.sendEmail({ email });
  try {
    return await client.getTokenByPasswordlessEmail({ email, code: await code() });
  } catch (error) {
    const mfaToken = (error as { mfa_token?: string }).mfa_token ?? '';
    const [authenticator] = await client.mfa.listAuthenticators({ mfaToken });
    await client.mfa.challengeAuthenticator({
      mfaToken,
      challengeType: 'otp',
      authenticatorId: authenticator?.id,
    });
    return client.mfa.verify({ mfaToken, factorType: 'otp', otp: await mfaCode() });
  }
}
