import { AuthClient, isMfaRequiredError } from '@auth0/auth0-auth-js';
import { generateTotp } from '@passwordless-xstate/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTlsEmulator, type TlsEmulator } from './support/tls-emulator.ts';

/*
 * Auth0's own server-side SDK against the emulator: passwordless needs a confidential client (the
 * SDK refuses /passwordless/start without client authentication), so these use the Regular Web App.
 */
const WEB = { clientId: 'pwl-web', clientSecret: 'pwl-web-secret-for-local-development-only' };
let tls: TlsEmulator;
let client: AuthClient;

beforeAll(async () => {
  tls = await startTlsEmulator();
  client = new AuthClient({ domain: tls.domain, ...WEB });
});
afterAll(() => tls.close());

const codeFor = (to: string) => {
  const code = tls.emulator.latestCode(to);
  if (!code) throw new Error(`no code for ${to}`);
  return code;
};

/** The MFA token of a login that stops at mfa_required, as the SDK reports it. */
async function mfaTokenFor(email: string): Promise<string> {
  await client.passwordless.sendEmail({ email });
  const error = await client
    .getTokenByPasswordlessEmail({ email, code: codeFor(email), scope: 'openid profile email' })
    .then(
      () => undefined,
      (caught: unknown) => caught,
    );
  if (!isMfaRequiredError(error)) throw new Error(`expected mfa_required, got ${String(error)}`);
  return error.cause.mfa_token;
}

describe('@auth0/auth0-auth-js against the emulator', () => {
  it('discovers the issuer over TLS', async () => {
    const metadata = await client.getServerMetadata();
    expect(metadata.issuer).toBe(`${tls.origin}/`);
    expect(metadata.end_session_endpoint).toBe(`${tls.origin}/oidc/logout`);
  });

  it('signs in with an e-mail code, validates the ID token and reads /userinfo with the opaque token', async () => {
    await client.passwordless.sendEmail({ email: 'alice@example.com', language: 'fr-CA' });
    expect(tls.emulator.outbox('alice@example.com').at(-1)).toMatchObject({ language: 'fr-CA' });
    const tokens = await client.getTokenByPasswordlessEmail({
      email: 'alice@example.com',
      code: codeFor('alice@example.com'),
      scope: 'openid profile email',
    });
    expect(tokens.claims).toMatchObject({ email: 'alice@example.com', sid: expect.any(String) });
    expect(tokens.accessToken.split('.')).toHaveLength(5);
    const profile = await client.getUserInfo({
      accessToken: tokens.accessToken,
      expectedSubject: tokens.claims?.sub,
    });
    expect(profile.email).toBe('alice@example.com');
  });

  it('signs in with an SMS code', async () => {
    await client.passwordless.sendSms({ phoneNumber: '+15555550100' });
    const tokens = await client.getTokenByPasswordlessSms({
      phoneNumber: '+15555550100',
      code: codeFor('+15555550100'),
      scope: 'openid profile phone',
    });
    expect(tokens.claims?.phone_number).toBe('+15555550100');
  });

  it('passes MFA with a TOTP after mfa_required, listing and challenging the authenticator', async () => {
    const mfaToken = await mfaTokenFor('totp@example.com');
    const authenticators = await client.mfa.listAuthenticators({ mfaToken });
    expect(authenticators.find((entry) => entry.type === 'otp')).toMatchObject({
      authenticatorType: 'otp',
      active: true,
    });
    const challenge = await client.mfa.challengeAuthenticator({ mfaToken, challengeType: 'otp' });
    expect(challenge.challengeType).toBe('otp');
    const tokens = await client.mfa.verify({
      mfaToken,
      factorType: 'otp',
      otp: generateTotp('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'),
    });
    expect(tokens.accessToken).toEqual(expect.any(String));
  });

  it('passes MFA by e-mail with the verified address (no enrolment)', async () => {
    const mfaToken = await mfaTokenFor('verified@example.com');
    const [email] = await client.mfa.listAuthenticators({ mfaToken });
    expect(email).toMatchObject({ type: 'email', authenticatorType: 'oob', active: true });
    const challenge = await client.mfa.challengeAuthenticator({
      mfaToken,
      challengeType: 'oob',
      authenticatorId: email!.id,
    });
    expect(challenge).toMatchObject({ challengeType: 'oob', bindingMethod: 'prompt' });
    const tokens = await client.mfa.verify({
      mfaToken,
      factorType: 'oob',
      oobCode: challenge.oobCode ?? '',
      bindingCode: codeFor('verified@example.com'),
    });
    expect(tokens.accessToken).toEqual(expect.any(String));
  });

  it('enrols an e-mail authenticator without naming the address, and a recovery code works next time', async () => {
    const mfaToken = await mfaTokenFor('enroll@example.com');
    const enrolled = await client.mfa.enrollAuthenticator({
      mfaToken,
      authenticatorTypes: ['oob'],
      oobChannels: ['email'],
    });
    expect(enrolled).toMatchObject({
      authenticatorType: 'oob',
      oobChannel: 'email',
      recoveryCodes: [expect.any(String)],
    });
    const oobCode = 'oobCode' in enrolled ? (enrolled.oobCode ?? '') : '';
    await client.mfa.verify({
      mfaToken,
      factorType: 'oob',
      oobCode,
      bindingCode: codeFor('enroll@example.com'),
    });
    const next = await mfaTokenFor('enroll@example.com');
    const recovered = await client.mfa.verify({
      mfaToken: next,
      factorType: 'recovery-code',
      recoveryCode: enrolled.recoveryCodes?.[0] ?? '',
    });
    expect(recovered.recoveryCode).toMatch(/^[A-Z0-9]{24}$/);
  });

  it('signs in through /authorize with PKCE and the hosted login page, then builds a logout URL', async () => {
    const redirectUri = 'http://127.0.0.1:5173/callback';
    const { authorizationUrl, codeVerifier } = await client.buildAuthorizationUrl({
      authorizationParams: { redirect_uri: redirectUri, scope: 'openid email' },
    });
    expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
    const login = await fetch(authorizationUrl, { redirect: 'manual' });
    const handle = new URL(login.headers.get('location') ?? '').searchParams.get('state') ?? '';
    const post = (path: string, fields: Record<string, string>) =>
      fetch(`${tls.origin}${path}`, {
        method: 'POST',
        body: new URLSearchParams({ state: handle, ...fields }),
        redirect: 'manual',
      });
    await post('/u/login', { identifier: 'alice@example.com' });
    const back = await post('/u/login/code', { code: codeFor('alice@example.com') });
    const tokens = await client.getTokenByCode(new URL(back.headers.get('location') ?? ''), { codeVerifier });
    expect(tokens.claims?.email).toBe('alice@example.com');

    const logout = await client.buildLogoutUrl({ returnTo: redirectUri });
    const answer = await fetch(logout, { redirect: 'manual' });
    expect(answer.headers.get('location')).toBe(redirectUri);
  });

  it('reports an SPA’s OTP grant as Auth0 does: unauthorized_client', async () => {
    const spa = new AuthClient({ domain: tls.domain, clientId: 'pwl-spa', clientSecret: 'unused' });
    const error = await spa.getTokenByPasswordlessEmail({ email: 'alice@example.com', code: '000000' }).then(
      () => undefined,
      (caught: unknown) => caught as { cause?: { error?: string; error_description?: string } },
    );
    expect(error?.cause).toMatchObject({
      error: 'unauthorized_client',
      error_description:
        "Grant type 'http://auth0.com/oauth/grant-type/passwordless/otp' not allowed for the client.",
    });
  });
});
