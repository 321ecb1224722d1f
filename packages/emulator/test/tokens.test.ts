import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  bearer,
  expectError,
  get,
  loginWithEmail,
  NATIVE,
  post,
  request,
  str,
  useEmulator,
  verifyIdToken,
  WEB,
  WEB_SECRET,
} from './helpers.ts';
import { offlineLogin, refresh } from './refresh-helpers.ts';

describe('JWKS, discovery and ID tokens', () => {
  const emulator = useEmulator();

  it('serves discovery with absolute endpoints on its own origin', async () => {
    for (const path of ['/.well-known/openid-configuration', '/.well-known/oauth-authorization-server']) {
      const { body } = await get(emulator(), path);
      expect(body).toMatchObject({
        issuer: `${emulator().url}/`,
        token_endpoint: `${emulator().url}/oauth/token`,
        jwks_uri: `${emulator().url}/.well-known/jwks.json`,
        userinfo_endpoint: `${emulator().url}/userinfo`,
        mfa_challenge_endpoint: `${emulator().url}/mfa/challenge`,
        revocation_endpoint: `${emulator().url}/oauth/revoke`,
        id_token_signing_alg_values_supported: expect.arrayContaining(['RS256']),
      });
    }
  });

  it('signs ID tokens that verify against the served JWKS', async () => {
    const reply = await offlineLogin(emulator());
    const claims = await verifyIdToken(emulator(), str(reply, 'id_token'));
    expect(claims).toMatchObject({
      iss: emulator().issuer,
      aud: NATIVE,
      sub: 'email|889e87fc03d0477823a739f2', // stable across restarts, listed in the README
      email: 'alice@example.com',
      email_verified: true,
      name: 'Alice Example',
      updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(emulator().issuer.endsWith('/')).toBe(true);
    expect(claims.amr).toBeUndefined();
    expect(claims.exp! - claims.iat!).toBe(36000);
  });

  it('puts the requested audience and the userinfo audience in the access token', async () => {
    const reply = await loginWithEmail(emulator(), 'alice@example.com', {
      audience: 'https://api.example.test',
    });
    expect(decodeJwt(str(reply, 'access_token'))).toMatchObject({
      aud: ['https://api.example.test', `${emulator().issuer}userinfo`],
      scope: 'openid profile email',
      azp: NATIVE,
    });
  });
});

describe('discovery behind a configured issuer', () => {
  const emulator = useEmulator({ issuer: 'https://auth.example.test' });

  it('builds every endpoint on that origin, with the trailing-slash issuer in tokens', async () => {
    const { body } = await get(emulator(), '/.well-known/openid-configuration');
    expect(emulator().issuer).toBe('https://auth.example.test/');
    expect(body.issuer).toBe('https://auth.example.test/');
    const endpoints = Object.entries(body).filter(([key]) => key.endsWith('_endpoint') || key === 'jwks_uri');
    expect(endpoints.length).toBeGreaterThanOrEqual(6);
    for (const [, value] of endpoints)
      expect(String(value)).toMatch(/^https:\/\/auth\.example\.test\/[a-z.]/);
    const login = await loginWithEmail(emulator(), 'alice@example.com');
    expect(decodeJwt(str(login, 'id_token')).iss).toBe('https://auth.example.test/');
  });
});

describe('refresh and revoke', () => {
  const emulator = useEmulator();

  it('refreshes without rotation by default, keeping the refresh token usable', async () => {
    const login = await offlineLogin(emulator());
    const refreshToken = str(login, 'refresh_token');
    const first = await refresh(emulator(), refreshToken);
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({
      access_token: expect.any(String),
      id_token: expect.any(String),
      scope: 'openid profile email offline_access',
    });
    expect(first.body.refresh_token).toBeUndefined();
    expect((await refresh(emulator(), refreshToken)).status).toBe(200);
  });

  it('narrows the scope on request and refuses to widen it', async () => {
    const refreshToken = str(await offlineLogin(emulator(), 'openid email offline_access'), 'refresh_token');
    const narrow = await refresh(emulator(), refreshToken, { scope: 'openid' });
    expect(narrow.body.scope).toBe('openid');
    expectError(await refresh(emulator(), refreshToken, { scope: 'openid profile' }), 403, 'invalid_scope');
  });

  it('rejects an unknown refresh token and one from another client', async () => {
    expectError(await refresh(emulator(), 'nope'), 403, 'invalid_grant', 'Unknown or invalid refresh token.');
    const refreshToken = str(await offlineLogin(emulator()), 'refresh_token');
    expectError(
      await refresh(emulator(), refreshToken, { client_id: 'pwl-spa' }),
      403,
      'invalid_grant',
      'Unknown or invalid refresh token.',
    );
  });

  it('revokes with an empty 200, after which the refresh token is dead', async () => {
    const refreshToken = str(await offlineLogin(emulator()), 'refresh_token');
    const revoked = await request(emulator(), 'POST', '/oauth/revoke', {
      form: { client_id: NATIVE, token: refreshToken },
    });
    expect(revoked.status).toBe(200);
    expect(revoked.text).toBe('');
    expectError(
      await refresh(emulator(), refreshToken),
      403,
      'invalid_grant',
      'Unknown or invalid refresh token.',
    );
    expect((await post(emulator(), '/oauth/revoke', { client_id: NATIVE, token: refreshToken })).status).toBe(
      200,
    );
  });

  it('revoke needs the token and a confidential client its secret', async () => {
    expectError(
      await post(emulator(), '/oauth/revoke', { client_id: NATIVE }),
      400,
      'invalid_request',
      'Missing required parameter: token',
    );
    expectError(
      await post(emulator(), '/oauth/revoke', { client_id: WEB, token: 'x' }),
      401,
      'access_denied',
    );
    expect(
      (await post(emulator(), '/oauth/revoke', { client_id: WEB, client_secret: WEB_SECRET, token: 'x' }))
        .status,
    ).toBe(200);
  });
});

describe('GET|POST /userinfo', () => {
  const emulator = useEmulator();

  it.each([
    ['openid', { sub: expect.any(String) }],
    ['openid email', { sub: expect.any(String), email: 'alice@example.com', email_verified: true }],
    [
      'openid profile',
      {
        sub: expect.any(String),
        name: 'Alice Example',
        nickname: 'alice',
        picture: expect.any(String),
        updated_at: expect.any(String),
      },
    ],
  ])('returns the claims of scope "%s"', async (scope, claims) => {
    const token = str(await loginWithEmail(emulator(), 'alice@example.com', { scope }), 'access_token');
    for (const method of ['GET', 'POST']) {
      const reply = await request(emulator(), method, '/userinfo', { headers: bearer(token) });
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual(claims);
      expect(reply.headers.get('x-ratelimit-limit')).toBe('10');
    }
  });

  it('answers 401 with WWW-Authenticate for a missing, bad or expired token', async () => {
    const token = str(await loginWithEmail(emulator(), 'alice@example.com'), 'access_token');
    emulator().advanceClock(86400);
    for (const headers of [{}, bearer('garbage'), bearer(token)]) {
      const reply = await get(emulator(), '/userinfo', headers);
      expectError(reply, 401, 'invalid_token', 'The access token is invalid or expired.');
      expect(reply.headers.get('www-authenticate')).toBe(
        'Bearer error="invalid_token", error_description="The access token is invalid or expired."',
      );
    }
  });

  it('refuses an access token without openid (no userinfo audience)', async () => {
    const token = str(
      await loginWithEmail(emulator(), 'alice@example.com', {
        scope: 'profile',
        audience: 'https://api.example.test',
      }),
      'access_token',
    );
    expectError(await get(emulator(), '/userinfo', bearer(token)), 401, 'invalid_token');
  });
});
