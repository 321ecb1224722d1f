import { describe, expect, it } from 'vitest';
import {
  CALLBACK,
  expectError,
  GRANT,
  latestMessage,
  post,
  startEmail,
  useEmulator,
  verifyIdToken,
  type TestEmulator,
} from './helpers.ts';

async function sendLink(emulator: TestEmulator, email: string, authParams: Record<string, string>) {
  const started = await startEmail(emulator, email, { send: 'link', authParams });
  expect(started.status, started.text).toBe(200);
  const link = (await latestMessage(emulator, email)).link;
  if (!link) throw new Error('no link in the outbox');
  return new URL(link);
}

/** Follows a link and returns where the 302 points (query and fragment parsed). */
async function follow(link: URL | string) {
  const response = await fetch(link, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) {
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
  const target = new URL(location);
  return {
    status: 302,
    target,
    query: Object.fromEntries(target.searchParams),
    fragment: Object.fromEntries(new URLSearchParams(target.hash.slice(1))),
  };
}

describe('magic links', () => {
  const emulator = useEmulator();

  it('puts the authParams and the code on a verify_redirect link at the issuer', async () => {
    const link = await sendLink(emulator(), 'alice@example.com', { redirect_uri: CALLBACK, state: 's1' });
    expect(`${link.origin}/`).toBe(emulator().issuer);
    expect(link.pathname).toBe('/passwordless/verify_redirect');
    expect(Object.fromEntries(link.searchParams)).toEqual({
      response_type: 'token',
      redirect_uri: CALLBACK,
      state: 's1',
      client_id: 'pwl-native',
      connection: 'email',
      verification_code: expect.stringMatching(/^\d{6}$/),
      email: 'alice@example.com',
    });
  });

  it('response_type=code: code in the query, exchanged by authorization_code without a refresh token', async () => {
    const link = await sendLink(emulator(), 'alice@example.com', {
      redirect_uri: CALLBACK,
      response_type: 'code',
      state: 'xyz',
      scope: 'openid email offline_access',
      nonce: 'n-123',
    });
    const landed = await follow(link);
    expect(landed.target?.origin + (landed.target?.pathname ?? '')).toBe(CALLBACK);
    expect(landed.query).toEqual({ code: expect.any(String), state: 'xyz' });

    const exchange = {
      grant_type: GRANT.authorizationCode,
      client_id: 'pwl-native',
      code: landed.query!.code,
      redirect_uri: CALLBACK,
    };
    const tokens = await post(emulator(), '/oauth/token', exchange);
    expect(tokens.status, tokens.text).toBe(200);
    expect(tokens.body.refresh_token).toBeUndefined();
    const claims = await verifyIdToken(emulator(), String(tokens.body.id_token));
    expect(claims).toMatchObject({ nonce: 'n-123', email: 'alice@example.com' });

    expectError(
      await post(emulator(), '/oauth/token', exchange),
      403,
      'invalid_grant',
      'Invalid authorization code',
    );
  });

  it('rejects an authorization code after its lifetime and with another redirect_uri', async () => {
    const link = await sendLink(emulator(), 'alice@example.com', {
      redirect_uri: CALLBACK,
      response_type: 'code',
    });
    const { query } = await follow(link);
    emulator().advanceClock(60);
    const late = { grant_type: GRANT.authorizationCode, client_id: 'pwl-native', code: query!.code };
    expectError(
      await post(emulator(), '/oauth/token', late),
      403,
      'invalid_grant',
      'Invalid authorization code',
    );

    const again = await follow(
      await sendLink(emulator(), 'alice@example.com', { redirect_uri: CALLBACK, response_type: 'code' }),
    );
    const otherUri = { ...late, code: again.query!.code, redirect_uri: 'http://localhost:5173/elsewhere' };
    expectError(
      await post(emulator(), '/oauth/token', otherUri),
      403,
      'invalid_grant',
      'Invalid authorization code',
    );
  });

  it('response_type="token id_token": tokens in the fragment with the nonce in the ID token', async () => {
    const link = await sendLink(emulator(), 'alice@example.com', {
      redirect_uri: CALLBACK,
      response_type: 'token id_token',
      state: 'st',
      nonce: 'abc',
      scope: 'openid profile',
    });
    const { fragment, query } = await follow(link);
    expect(query).toEqual({});
    expect(fragment).toEqual({
      access_token: expect.any(String),
      id_token: expect.any(String),
      scope: 'openid profile',
      expires_in: '86400',
      token_type: 'Bearer',
      state: 'st',
    });
    const claims = await verifyIdToken(emulator(), fragment!.id_token!);
    expect(claims).toMatchObject({ nonce: 'abc', name: 'Alice Example' });
    expect(claims.email).toBeUndefined();
  });

  it('redirects with error=unauthorized for a wrong code and for an expired link', async () => {
    const link = await sendLink(emulator(), 'alice@example.com', { redirect_uri: CALLBACK, state: 'st' });
    const tampered = new URL(link);
    tampered.searchParams.set('verification_code', 'x');
    expect((await follow(tampered)).fragment).toEqual({
      error: 'unauthorized',
      error_description: 'Wrong email or verification code.',
      state: 'st',
    });

    emulator().advanceClock(180);
    expect((await follow(link)).fragment).toEqual({
      error: 'unauthorized',
      error_description: 'The verification code has expired. Please try to login again.',
      state: 'st',
    });
  });

  it('is not consumed by a HEAD request (mail scanners probe links)', async () => {
    const link = await sendLink(emulator(), 'alice@example.com', { redirect_uri: CALLBACK });
    const probe = await fetch(link, { method: 'HEAD', redirect: 'manual' });
    expect(probe.status).toBe(405);
    expect((await follow(link)).fragment?.access_token).toEqual(expect.any(String));
  });

  it('is single-use', async () => {
    const link = await sendLink(emulator(), 'alice@example.com', { redirect_uri: CALLBACK });
    expect((await follow(link)).fragment?.access_token).toEqual(expect.any(String));
    expect((await follow(link)).fragment?.error).toBe('unauthorized');
  });

  it('refuses a redirect_uri outside the allowed callbacks, without redirecting', async () => {
    for (const redirectUri of ['https://evil.example/cb', 'http://localhost:1@evil.example/cb']) {
      const link = await sendLink(emulator(), 'alice@example.com', { redirect_uri: redirectUri });
      const answer = await follow(link);
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({
        error: 'invalid_request',
        error_description: `Callback URL mismatch. ${redirectUri} is not in the list of allowed callback URLs`,
      });
    }
  });

  it('answers interaction_required in the fragment when the user needs MFA', async () => {
    const link = await sendLink(emulator(), 'totp@example.com', { redirect_uri: CALLBACK });
    expect((await follow(link)).fragment).toMatchObject({ error: 'interaction_required' });
  });
});
