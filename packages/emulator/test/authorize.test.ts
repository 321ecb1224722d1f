import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CALLBACK,
  expectError,
  get,
  GRANT,
  latestCode,
  post,
  request,
  SPA,
  str,
  useEmulator,
  verifyIdToken,
  type Reply,
  type TestEmulator,
} from './helpers.ts';

const verifier = randomBytes(32).toString('base64url');
const challenge = createHash('sha256').update(verifier).digest('base64url');

function authorizeUrl(params: Record<string, string>): string {
  return `/authorize?${new URLSearchParams({ client_id: SPA, redirect_uri: CALLBACK, ...params })}`;
}

const locationOf = (reply: Reply) => new URL(reply.headers.get('location') ?? '', 'http://emulator.invalid');
const form = (emulator: TestEmulator, path: string, fields: Record<string, string>) =>
  request(emulator, 'POST', path, { form: fields });

/** /authorize → hosted login page → code from the outbox → back to the app. */
async function hostedLogin(
  emulator: TestEmulator,
  params: Record<string, string>,
  email = 'alice@example.com',
) {
  const started = await get(emulator, authorizeUrl(params));
  expect(started.status, started.text).toBe(302);
  const login = locationOf(started);
  expect(login.pathname).toBe('/u/login');
  const handle = login.searchParams.get('state') ?? '';
  const page = await get(emulator, `/u/login?state=${encodeURIComponent(handle)}`);
  expect(page.text).toContain('name="identifier"');
  const codePage = await form(emulator, '/u/login', { state: handle, identifier: email });
  expect(codePage.text).toContain('name="code"');
  const otp = await latestCode(emulator, email);
  return { handle, finish: () => form(emulator, '/u/login/code', { state: handle, code: otp }) };
}

describe('GET /authorize: authorization code with PKCE through the hosted login page', () => {
  const emulator = useEmulator();

  it('returns a code to the callback, exchanged with the code_verifier for tokens', async () => {
    const { finish } = await hostedLogin(emulator(), {
      response_type: 'code',
      scope: 'openid profile email offline_access',
      state: 'xyz',
      nonce: 'n-42',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const back = await finish();
    expect(back.status, back.text).toBe(302);
    const callback = locationOf(back);
    expect(`${callback.origin}${callback.pathname}`).toBe(CALLBACK);
    expect(callback.searchParams.get('state')).toBe('xyz');
    const code = callback.searchParams.get('code') ?? '';

    const exchanged = await post(emulator(), '/oauth/token', {
      grant_type: GRANT.authorizationCode,
      client_id: SPA,
      code,
      redirect_uri: CALLBACK,
      code_verifier: verifier,
    });
    expect(exchanged.status, exchanged.text).toBe(200);
    expect(exchanged.body.refresh_token).toEqual(expect.any(String));
    const claims = await verifyIdToken(emulator(), str(exchanged, 'id_token'), SPA);
    expect(claims).toMatchObject({ email: 'alice@example.com', nonce: 'n-42' });
  });

  it('refuses the exchange without the right code_verifier, and a code twice', async () => {
    const { finish } = await hostedLogin(emulator(), {
      response_type: 'code',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const code = locationOf(await finish()).searchParams.get('code') ?? '';
    const exchange = (codeVerifier?: string) =>
      post(emulator(), '/oauth/token', {
        grant_type: GRANT.authorizationCode,
        client_id: SPA,
        code,
        ...(codeVerifier ? { code_verifier: codeVerifier } : {}),
      });
    expectError(
      await exchange('wrong-verifier'),
      403,
      'invalid_grant',
      'Failed verification of code_verifier',
    );
    expectError(await exchange(verifier), 403, 'invalid_grant', 'Invalid authorization code');
  });

  it('accepts a plain challenge', async () => {
    const { finish } = await hostedLogin(emulator(), {
      response_type: 'code',
      code_challenge: 'plain-verifier-value',
    });
    const code = locationOf(await finish()).searchParams.get('code') ?? '';
    const exchanged = await post(emulator(), '/oauth/token', {
      grant_type: GRANT.authorizationCode,
      client_id: SPA,
      code,
      code_verifier: 'plain-verifier-value',
    });
    expect(exchanged.status, exchanged.text).toBe(200);
  });

  it('keeps the page on a wrong code and tells why', async () => {
    const { handle, finish } = await hostedLogin(emulator(), { response_type: 'code' });
    const wrong = await form(emulator(), '/u/login/code', { state: handle, code: 'nope' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('Wrong email or verification code.');
    expect((await finish()).status).toBe(302);
  });

  it('returns tokens in the fragment for the implicit flow, with at_hash', async () => {
    const { finish } = await hostedLogin(emulator(), {
      response_type: 'token id_token',
      nonce: 'n-1',
      state: 's',
    });
    const fragment = new URLSearchParams(locationOf(await finish()).hash.slice(1));
    expect(fragment.get('state')).toBe('s');
    expect(fragment.get('refresh_token')).toBeNull();
    const claims = await verifyIdToken(emulator(), fragment.get('id_token') ?? '', SPA);
    expect(claims.at_hash).toEqual(expect.any(String));
  });

  it('demands MFA at the exchange for a user who needs it, and refuses implicit with interaction_required', async () => {
    const { finish } = await hostedLogin(emulator(), { response_type: 'code' }, 'totp@example.com');
    const code = locationOf(await finish()).searchParams.get('code') ?? '';
    const exchanged = await post(emulator(), '/oauth/token', {
      grant_type: GRANT.authorizationCode,
      client_id: SPA,
      code,
    });
    expectError(exchanged, 403, 'mfa_required');
    const implicit = await hostedLogin(
      emulator(),
      { response_type: 'token', state: 's' },
      'totp@example.com',
    );
    const fragment = new URLSearchParams(locationOf(await implicit.finish()).hash.slice(1));
    expect(fragment.get('error')).toBe('interaction_required');
  });
});

describe('GET /authorize: refusals before any redirect', () => {
  const emulator = useEmulator({
    clients: [
      { clientId: SPA, appType: 'spa' },
      { clientId: 'no-implicit', grantTypes: [GRANT.authorizationCode] },
    ],
  });

  it('answers a bad client, callback, response type, mode or missing nonce with a 4xx', async () => {
    expect((await get(emulator(), authorizeUrl({ client_id: 'nobody', response_type: 'code' }))).status).toBe(
      401,
    );
    expectError(
      await get(emulator(), authorizeUrl({ response_type: 'code', redirect_uri: 'https://evil.example/cb' })),
      400,
      'invalid_request',
      'Callback URL mismatch. https://evil.example/cb is not in the list of allowed callback URLs',
    );
    expectError(
      await get(emulator(), authorizeUrl({ response_type: 'tokens' })),
      400,
      'unsupported_response_type',
    );
    expectError(
      await get(emulator(), authorizeUrl({ response_type: 'token', response_mode: 'query' })),
      400,
      'invalid_request',
    );
    expectError(
      await get(emulator(), authorizeUrl({ response_type: 'id_token' })),
      400,
      'invalid_request',
      'Missing required parameter: nonce',
    );
    expectError(
      await get(emulator(), authorizeUrl({ client_id: 'no-implicit', response_type: 'token' })),
      403,
      'unauthorized_client',
      `Grant type '${GRANT.implicit}' not allowed for the client.`,
    );
    expectError(await get(emulator(), '/u/login?state=unknown'), 400, 'invalid_request');
  });
});
