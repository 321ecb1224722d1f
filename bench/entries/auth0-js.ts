// Auth0's browser SDK for embedded passwordless: start, then verify the code (it has no MFA API).
import auth0 from 'auth0-js';

export function signIn(email: string, code: () => Promise<string>) {
  const client = new auth0.WebAuth({ domain: 'example.eu.auth0.com', clientID: 'spa-client-id' });
  client.passwordlessStart({ connection: 'email', send: 'code', email }, async () => {
    client.passwordlessLogin({ connection: 'email', email, verificationCode: await code() }, () => {});
  });
}
