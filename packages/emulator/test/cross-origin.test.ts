import { describe, expect, it } from 'vitest';
import {
  CALLBACK,
  expectError,
  get,
  GRANT,
  latestCode,
  post,
  SPA,
  startEmail,
  useEmulator,
  verifyIdToken,
  type Reply,
  type TestEmulator,
} from './helpers.ts';

const appOrigin = { origin: 'http://localhost:5173' };
const fragmentOf = (reply: Reply) =>
  new URLSearchParams(new URL(reply.headers.get('location') ?? '', 'http://x.invalid').hash.slice(1));

async function coAuthenticate(emulator: TestEmulator, otp: string, extra: Record<string, unknown> = {}) {
  return post(
    emulator,
    '/co/authenticate',
    {
      client_id: SPA,
      username: 'alice@example.com',
      otp,
      realm: 'email',
      credential_type: GRANT.passwordlessOtp,
      ...extra,
    },
    appOrigin,
  );
}

describe('POST /co/authenticate then GET /authorize?login_ticket= (auth0.js passwordlessLogin)', () => {
  const emulator = useEmulator();

  it('trades the code for a one-time login ticket that /authorize turns into tokens', async () => {
    await startEmail(emulator(), 'alice@example.com', { client_id: SPA });
    const reply = await coAuthenticate(emulator(), await latestCode(emulator(), 'alice@example.com'));
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toEqual({
      login_ticket: expect.any(String),
      co_verifier: expect.any(String),
      co_id: expect.any(String),
    });
    expect(reply.headers.get('access-control-allow-origin')).toBe(appOrigin.origin);
    expect(reply.headers.get('access-control-allow-credentials')).toBe('true');

    const query = new URLSearchParams({
      client_id: SPA,
      response_type: 'token id_token',
      redirect_uri: CALLBACK,
      nonce: 'n-7',
      state: 'st',
      realm: 'email',
      login_ticket: String(reply.body.login_ticket),
    });
    const authorized = await get(emulator(), `/authorize?${query}`);
    expect(authorized.status).toBe(302);
    const fragment = fragmentOf(authorized);
    expect(fragment.get('state')).toBe('st');
    const claims = await verifyIdToken(emulator(), fragment.get('id_token') ?? '', SPA);
    expect(claims).toMatchObject({ email: 'alice@example.com', nonce: 'n-7', at_hash: expect.any(String) });

    const again = await get(emulator(), `/authorize?${query}`);
    expect(fragmentOf(again).get('error')).toBe('access_denied');
  });

  it('answers Auth0’s errors: wrong code, bad body, unknown realm, foreign origin, no cross-origin', async () => {
    await startEmail(emulator(), 'alice@example.com', { client_id: SPA });
    expectError(
      await coAuthenticate(emulator(), '000000x'),
      403,
      'access_denied',
      'Wrong email or verification code.',
    );
    expectError(
      await coAuthenticate(emulator(), '1', { scope: 'openid' }),
      400,
      'invalid_request',
      'Invalid request body. All and only of client_id, credential_type, username, otp, realm are required.',
    );
    expectError(
      await coAuthenticate(emulator(), '1', { realm: 'db' }),
      400,
      'invalid_request',
      'Unknown realm db.',
    );
    expectError(
      await coAuthenticate(emulator(), '1', { credential_type: 'password' }),
      400,
      'unsupported_credential_type',
    );
    const foreign = await post(
      emulator(),
      '/co/authenticate',
      {
        client_id: SPA,
        username: 'a@b.co',
        otp: '1',
        realm: 'email',
        credential_type: GRANT.passwordlessOtp,
      },
      { origin: 'https://evil.example' },
    );
    expect({ status: foreign.status, text: foreign.text }).toEqual({
      status: 403,
      text: 'Origin https://evil.example is not allowed.',
    });
    expectError(
      await coAuthenticate(emulator(), '1', { client_id: 'pwl-native' }),
      401,
      'unauthorized_client',
      'Cross origin login not allowed.',
    );
  });
});

describe('POST /passwordless/verify then the link (auth0.js passwordlessVerify)', () => {
  const emulator = useEmulator();

  it('checks the code without spending it, so verify_redirect can', async () => {
    await startEmail(emulator(), 'alice@example.com', { client_id: SPA });
    const code = await latestCode(emulator(), 'alice@example.com');
    const body = { client_id: SPA, connection: 'email', email: 'alice@example.com', verification_code: code };
    expectError(
      await post(emulator(), '/passwordless/verify', { ...body, verification_code: '1' }),
      403,
      'invalid_grant',
      'Wrong email or verification code.',
    );
    const verified = await post(emulator(), '/passwordless/verify', body);
    expect({ status: verified.status, body: verified.body }).toEqual({ status: 200, body: {} });
    const link = new URLSearchParams({
      client_id: SPA,
      connection: 'email',
      email: 'alice@example.com',
      verification_code: code,
      response_type: 'token',
      redirect_uri: CALLBACK,
    });
    const followed = await get(emulator(), `/passwordless/verify_redirect?${link}`);
    expect(fragmentOf(followed).get('access_token')).toEqual(expect.any(String));
    expectError(await post(emulator(), '/passwordless/verify', body), 403, 'invalid_grant');
  });
});
