import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseMagicLinkCallback } from '../../src/api/callback.ts';
import { createAuth0Client } from '../../src/api/client.ts';
import { reply, startTestServer } from './http-server.ts';
import type { TestServer } from './http-server.ts';
import { rejection } from './rejection.ts';

const NOW = 1_750_000_000_000;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const client = () =>
  createAuth0Client({
    baseUrl: server.baseUrl,
    clientId: 'CLIENT_ID',
    clientSecret: 'SECRET',
    now: () => NOW,
  });

describe('refresh', () => {
  it('posts the refresh_token grant and returns the rotated refresh token', async () => {
    server.on(
      'POST',
      '/oauth/token',
      reply(200, {
        access_token: 'AT2',
        expires_in: 3600,
        token_type: 'Bearer',
        scope: 'openid profile email offline_access',
        refresh_token: 'RT2',
      }),
    );
    const result = await client().refresh({ refreshToken: 'RT1' });
    expect(result).toEqual({
      accessToken: 'AT2',
      refreshToken: 'RT2',
      tokenType: 'Bearer',
      expiresIn: 3600,
      expiresAt: NOW + 3_600_000,
      scope: 'openid profile email offline_access',
    });
    expect(server.requests[0]?.body).toEqual({
      grant_type: 'refresh_token',
      client_id: 'CLIENT_ID',
      client_secret: 'SECRET',
      refresh_token: 'RT1',
    });
  });

  it('sends a narrowed scope with openid', async () => {
    server.on('POST', '/oauth/token', reply(200, { access_token: 'A', expires_in: 1, token_type: 'Bearer' }));
    await client().refresh({ refreshToken: 'RT', scope: 'email' });
    expect(server.requests[0]?.body?.scope).toBe('openid email');
  });

  it.each([
    'Unknown or invalid refresh token.',
    "The refresh_token was generated for a user who doesn't exist anymore.",
  ])('maps invalid_grant "%s" to invalid_refresh_token', async (description) => {
    server.on('POST', '/oauth/token', reply(403, { error: 'invalid_grant', error_description: description }));
    expect((await rejection(client().refresh({ refreshToken: 'RT' }))).code).toBe('invalid_refresh_token');
  });

  it('surfaces mfa_required from a refresh too', async () => {
    server.on(
      'POST',
      '/oauth/token',
      reply(403, {
        error: 'mfa_required',
        error_description: 'Multifactor authentication required',
        mfa_token: 'M',
      }),
    );
    const error = await rejection(client().refresh({ refreshToken: 'RT' }));
    expect(error.code).toBe('mfa_required');
    expect(error.mfaToken).toBe('M');
  });
});

describe('revoke', () => {
  it('accepts a 200 with an empty body and sends token + client auth', async () => {
    server.on('POST', '/oauth/revoke', (_request, response) => {
      response.writeHead(200).end();
    });
    await expect(client().revoke({ refreshToken: 'RT' })).resolves.toBeUndefined();
    expect(server.requests[0]?.body).toEqual({
      client_id: 'CLIENT_ID',
      client_secret: 'SECRET',
      token: 'RT',
    });
  });

  it('rejects on a revoke error', async () => {
    server.on(
      'POST',
      '/oauth/revoke',
      reply(401, { error: 'invalid_client', error_description: 'Bad secret' }),
    );
    expect((await rejection(client().revoke({ refreshToken: 'RT' }))).code).toBe('invalid_client');
  });
});

describe('userInfo', () => {
  it('sends the access token as Bearer and keeps the OIDC claim names', async () => {
    const profile = {
      sub: 'email|6492b5a75bedeae7449299fa',
      nickname: 'test-user',
      name: 'test-user@example.com',
      picture: 'https://s.gravatar.com/avatar/x',
      updated_at: '2023-06-14T21:36:26.399Z',
      email: 'test-user@example.com',
      email_verified: true,
      'https://example.com/roles': ['admin'],
    };
    server.on('GET', '/userinfo', reply(200, profile));
    expect(await client().userInfo({ accessToken: 'AT' })).toEqual(profile);
    expect(server.requests[0]?.headers.authorization).toBe('Bearer AT');
  });

  it('requires sub', async () => {
    server.on('GET', '/userinfo', reply(200, { email: 'x@y.z' }));
    expect((await rejection(client().userInfo({ accessToken: 'AT' }))).code).toBe('invalid_response');
  });
});

describe('magic-link callback', () => {
  it('exchanges the authorization code without a PKCE verifier', async () => {
    server.on(
      'POST',
      '/oauth/token',
      reply(200, { access_token: 'A', id_token: 'I', expires_in: 7200, token_type: 'Bearer' }),
    );
    const { code } = parseMagicLinkCallback('https://app.example/cb?code=AUTH_CODE&state=s1', {
      expectedState: 's1',
    });
    const result = await client().exchangeAuthorizationCode({ code, redirectUri: 'https://app.example/cb' });
    expect(result).toMatchObject({ accessToken: 'A', idToken: 'I', expiresAt: NOW + 7_200_000 });
    expect(server.requests[0]?.body).toEqual({
      grant_type: 'authorization_code',
      client_id: 'CLIENT_ID',
      client_secret: 'SECRET',
      code: 'AUTH_CODE',
      redirect_uri: 'https://app.example/cb',
    });
  });

  it('maps 403 "Invalid authorization code" to invalid_grant', async () => {
    server.on(
      'POST',
      '/oauth/token',
      reply(403, { error: 'invalid_grant', error_description: 'Invalid authorization code' }),
    );
    const error = await rejection(
      client().exchangeAuthorizationCode({ code: 'used', redirectUri: 'https://a/cb' }),
    );
    expect(error.code).toBe('invalid_grant');
  });

  it('rejects a different state with state_mismatch', () => {
    expect(() =>
      parseMagicLinkCallback('https://app.example/cb?code=C&state=evil', { expectedState: 'mine' }),
    ).toThrow(expect.objectContaining({ code: 'state_mismatch' }));
    expect(() => parseMagicLinkCallback('https://app.example/cb?code=C', { expectedState: 'mine' })).toThrow(
      expect.objectContaining({ code: 'state_mismatch' }),
    );
  });

  it('rejects a callback that is not a URL with invalid_input', () => {
    for (const url of ['', 'not a url', '/callback?code=C']) {
      expect(() => parseMagicLinkCallback(url)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    }
  });

  it('reads errors from the fragment as well as the query', () => {
    const description = 'The verification code has expired. Please try to login again.';
    const url = `https://app.example/cb#error=unauthorized&error_description=${encodeURIComponent(description)}&state=xyz`;
    expect(() => parseMagicLinkCallback(url, { expectedState: 'xyz' })).toThrow(
      expect.objectContaining({
        code: 'code_expired',
        auth0Error: 'unauthorized',
        auth0Description: description,
      }),
    );
    expect(() =>
      parseMagicLinkCallback('https://app.example/cb?error=access_denied&error_description=No'),
    ).toThrow(expect.objectContaining({ code: 'access_denied' }));
  });

  it('rejects a callback with neither code nor error', () => {
    expect(() => parseMagicLinkCallback('https://app.example/cb?state=s')).toThrow(
      expect.objectContaining({ code: 'invalid_response' }),
    );
  });
});
