import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAuth0Client } from '../../src/api/client.ts';
import { reply, startTestServer } from './http-server.ts';
import type { TestServer } from './http-server.ts';
import { rejection } from './rejection.ts';

const OTP_GRANT = 'http://auth0.com/oauth/grant-type/passwordless/otp';
const NOW = 1_750_000_000_000;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const publicClient = () =>
  createAuth0Client({
    baseUrl: server.baseUrl,
    clientId: 'CLIENT_ID',
    now: () => NOW,
    forwardedFor: '203.0.113.9',
  });
const confidentialClient = () =>
  createAuth0Client({
    baseUrl: server.baseUrl,
    clientId: 'CLIENT_ID',
    clientSecret: 'SECRET',
    now: () => NOW,
    forwardedFor: '203.0.113.9',
  });

describe('startPasswordless', () => {
  it('posts the email code request as JSON with snake_case fields and camelCases the echo', async () => {
    server.on(
      'POST',
      '/passwordless/start',
      reply(200, { _id: '6492b5a75bedeae7449299fa', email: 'test-email@example.com', email_verified: true }),
    );
    const result = await publicClient().startPasswordless({
      connection: 'email',
      email: '  test-email@example.com ',
      send: 'code',
    });
    expect(result).toEqual({
      id: '6492b5a75bedeae7449299fa',
      email: 'test-email@example.com',
      emailVerified: true,
    });
    const [request] = server.requests;
    expect(request?.headers['content-type']).toMatch(/^application\/json/);
    expect(request?.body).toEqual({
      client_id: 'CLIENT_ID',
      connection: 'email',
      email: 'test-email@example.com',
      send: 'code',
    });
  });

  it('normalises the phone number and sends phone_number for SMS', async () => {
    server.on(
      'POST',
      '/passwordless/start',
      reply(200, { _id: 'x', phone_number: '+14155550123', phone_verified: true }),
    );
    const result = await publicClient().startPasswordless({
      connection: 'sms',
      phoneNumber: '+1 (415) 555-0123',
      send: 'code',
    });
    expect(result).toEqual({ id: 'x', phoneNumber: '+14155550123', phoneVerified: true });
    expect(server.requests[0]?.body).toEqual({
      client_id: 'CLIENT_ID',
      connection: 'sms',
      phone_number: '+14155550123',
      send: 'code',
    });
  });

  it('rejects an invalid identifier locally without calling Auth0', async () => {
    const error = await rejection(
      publicClient().startPasswordless({ connection: 'sms', phoneNumber: '4155550123', send: 'code' }),
    );
    expect(error.code).toBe('invalid_identifier');
    expect(error.message).toMatch(/country code/);
    expect(server.requests).toHaveLength(0);
  });

  it('treats an empty 200 and a 204 as success', async () => {
    server.on('POST', '/passwordless/start', (_request, response) => {
      response.writeHead(204).end();
    });
    await expect(
      publicClient().startPasswordless({ connection: 'email', email: 'a@b.co', send: 'code' }),
    ).resolves.toEqual({});
  });

  it('sends x-request-language and a decodable Auth0-Client header', async () => {
    server.on('POST', '/passwordless/start', reply(200, {}));
    await publicClient().startPasswordless({
      connection: 'email',
      email: 'a@b.co',
      send: 'code',
      language: 'fr',
    });
    const headers = server.requests[0]?.headers ?? {};
    expect(headers['x-request-language']).toBe('fr');
    const telemetry = headers['auth0-client'];
    expect(telemetry).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(JSON.parse(Buffer.from(String(telemetry), 'base64url').toString('utf8'))).toEqual({
      name: '@passwordless-xstate/core',
      version: expect.any(String),
    });
  });

  it('omits Auth0-Client when telemetry is false, and honours a custom one', async () => {
    server.on('POST', '/passwordless/start', reply(200, {}));
    const params = { connection: 'email', email: 'a@b.co', send: 'code' } as const;
    await createAuth0Client({ baseUrl: server.baseUrl, clientId: 'C', telemetry: false }).startPasswordless(
      params,
    );
    await createAuth0Client({
      baseUrl: server.baseUrl,
      clientId: 'C',
      telemetry: { name: 'my-app', version: '1.2.3' },
    }).startPasswordless(params);
    expect(server.requests[0]?.headers['auth0-client']).toBeUndefined();
    const custom = String(server.requests[1]?.headers['auth0-client']);
    expect(JSON.parse(Buffer.from(custom, 'base64url').toString('utf8'))).toEqual({
      name: 'my-app',
      version: '1.2.3',
    });
  });

  it('sends auth0-forwarded-for and client_secret only for a confidential client', async () => {
    server.on('POST', '/passwordless/start', reply(200, {}));
    const params = { connection: 'email', email: 'a@b.co', send: 'code' } as const;
    await publicClient().startPasswordless(params);
    await confidentialClient().startPasswordless(params);
    await confidentialClient().startPasswordless({ ...params, forwardedFor: '198.51.100.7' });
    const [publicCall, confidentialCall, overridden] = server.requests;
    expect(publicCall?.headers['auth0-forwarded-for']).toBeUndefined();
    expect(publicCall?.body).not.toHaveProperty('client_secret');
    expect(confidentialCall?.headers['auth0-forwarded-for']).toBe('203.0.113.9');
    expect(confidentialCall?.body).toMatchObject({ client_id: 'CLIENT_ID', client_secret: 'SECRET' });
    expect(overridden?.headers['auth0-forwarded-for']).toBe('198.51.100.7');
  });

  it('defaults a magic link to the code flow with the client scope, snake_casing authParams', async () => {
    server.on('POST', '/passwordless/start', reply(200, {}));
    await createAuth0Client({
      baseUrl: server.baseUrl,
      clientId: 'C',
      scope: 'email profile',
    }).startPasswordless({
      connection: 'email',
      email: 'a@b.co',
      send: 'link',
      authParams: { redirectUri: 'https://app.example/cb', state: 'xyz', nonce: 'n-1' },
    });
    expect(server.requests[0]?.body).toEqual({
      client_id: 'C',
      connection: 'email',
      email: 'a@b.co',
      send: 'link',
      authParams: {
        scope: 'openid email profile',
        response_type: 'code',
        redirect_uri: 'https://app.example/cb',
        state: 'xyz',
        nonce: 'n-1',
      },
    });
  });

  it.each([
    ['Connection is disabled', 'bad.connection', 'connection_disabled'],
    ['Connection does not exist', 'bad.connection', 'connection_disabled'],
    ['String does not match pattern: ^\\+[0-9]{1,15}$', 'bad.phone_number', 'invalid_identifier'],
    ['the following properties are not allowed: foo', 'bad.request', 'bad_request'],
    ['error in authParams - invalid type: string (expected object)', 'bad.authParams', 'bad_request'],
  ])('maps 400 %s (%s) to %s', async (description, error, code) => {
    server.on('POST', '/passwordless/start', reply(400, { error, error_description: description }));
    const failure = await rejection(
      publicClient().startPasswordless({ connection: 'email', email: 'a@b.co', send: 'code' }),
    );
    expect(failure).toMatchObject({ code, status: 400, auth0Error: error, auth0Description: description });
  });

  it('maps the SMS provider error and exposes the provider code', async () => {
    server.on(
      'POST',
      '/passwordless/start',
      reply(400, { error: 'sms_provider_error', error_description: 'Region not enabled (Code: 21408)' }),
    );
    const error = await rejection(
      publicClient().startPasswordless({ connection: 'sms', phoneNumber: '+33612345678', send: 'code' }),
    );
    expect(error).toMatchObject({ code: 'bad_request', providerCode: '21408' });
  });

  it('maps 403 "Client authentication is required" to client_auth_required', async () => {
    server.on(
      'POST',
      '/passwordless/start',
      reply(403, { error: 'unauthorized_client', error_description: 'Client authentication is required' }),
    );
    const error = await rejection(
      publicClient().startPasswordless({ connection: 'email', email: 'a@b.co', send: 'code' }),
    );
    expect(error.code).toBe('client_auth_required');
    expect(error.message).toMatch(/client secret/);
  });

  it('maps 429 with x-ratelimit-* headers to rate_limited with retryAfter from the reset time', async () => {
    const reset = NOW / 1000 + 42;
    server.on(
      'POST',
      '/passwordless/start',
      reply(
        429,
        {
          error: 'too_many_requests',
          error_description:
            'Too many requests. Check the X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset headers.',
        },
        { 'x-ratelimit-limit': '50', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      ),
    );
    const error = await rejection(
      publicClient().startPasswordless({ connection: 'email', email: 'a@b.co', send: 'code' }),
    );
    expect(error).toMatchObject({
      code: 'rate_limited',
      status: 429,
      retryAfter: 42,
      rateLimit: { limit: 50, remaining: 0, reset },
    });
    expect(error.message).toBe('Too many requests. Please try again in 42 seconds.');
    expect(server.requests).toHaveLength(1);
  });

  it('prefers Retry-After, and classifies a bodiless 429', async () => {
    server.on('POST', '/passwordless/start', (_request, response) => {
      response.writeHead(429, { 'retry-after': '7', 'x-ratelimit-reset': String(NOW / 1000 + 600) }).end();
    });
    const error = await rejection(
      publicClient().startPasswordless({ connection: 'email', email: 'a@b.co', send: 'code' }),
    );
    expect(error).toMatchObject({
      code: 'rate_limited',
      retryAfter: 7,
      rateLimit: { reset: NOW / 1000 + 600 },
    });
  });
});

describe('exchangeOtp', () => {
  const tokens = {
    access_token: 'AT',
    refresh_token: 'RT',
    id_token: 'ID',
    token_type: 'Bearer',
    expires_in: 86400,
    scope: 'openid profile email offline_access',
  };

  it('posts the passwordless OTP grant and returns camelCased tokens with expiresAt', async () => {
    server.on('POST', '/oauth/token', reply(200, tokens));
    const client = createAuth0Client({
      baseUrl: server.baseUrl,
      clientId: 'CLIENT_ID',
      clientSecret: 'SECRET',
      audience: 'https://api.example',
      now: () => NOW,
    });
    const result = await client.exchangeOtp({ realm: 'email', username: 'a@b.co', otp: '123 456' });
    expect(result).toEqual({
      accessToken: 'AT',
      refreshToken: 'RT',
      idToken: 'ID',
      tokenType: 'Bearer',
      expiresIn: 86400,
      expiresAt: NOW + 86_400_000,
      scope: 'openid profile email offline_access',
    });
    expect(server.requests[0]?.body).toEqual({
      grant_type: OTP_GRANT,
      client_id: 'CLIENT_ID',
      client_secret: 'SECRET',
      realm: 'email',
      username: 'a@b.co',
      otp: '123456',
      scope: 'openid profile email phone offline_access',
      audience: 'https://api.example',
    });
  });

  it('always includes openid in the scope', async () => {
    server.on('POST', '/oauth/token', reply(200, tokens));
    await publicClient().exchangeOtp({ realm: 'sms', username: '+14155550123', otp: '1', scope: 'profile' });
    expect(server.requests[0]?.body?.scope).toBe('openid profile');
  });

  it.each([
    ['Wrong email or verification code.', 'invalid_code'],
    ['Wrong phone number or verification code.', 'invalid_code'],
    ['The verification code has expired. Please try to login again.', 'code_expired'],
    ["You've reached the maximum number of attempts. Please try to login again.", 'too_many_attempts'],
  ])('maps invalid_grant "%s" to %s', async (description, code) => {
    server.on('POST', '/oauth/token', reply(403, { error: 'invalid_grant', error_description: description }));
    const error = await rejection(
      publicClient().exchangeOtp({ realm: 'email', username: 'a@b.co', otp: '000000' }),
    );
    expect(error).toMatchObject({
      code,
      status: 403,
      auth0Error: 'invalid_grant',
      auth0Description: description,
    });
    expect(server.requests).toHaveLength(1);
  });

  it('maps the brute-force 429 too_many_attempts to too_many_attempts, not rate_limited', async () => {
    server.on(
      'POST',
      '/oauth/token',
      reply(429, {
        error: 'too_many_attempts',
        error_description: 'Your account has been blocked after multiple consecutive login attempts.',
      }),
    );
    const error = await rejection(
      publicClient().exchangeOtp({ realm: 'email', username: 'a@b.co', otp: '1' }),
    );
    expect(error.code).toBe('too_many_attempts');
  });

  it('names the grant and the dashboard setting when the grant is not enabled', async () => {
    server.on(
      'POST',
      '/oauth/token',
      reply(403, {
        error: 'unauthorized_client',
        error_description: `Grant type '${OTP_GRANT}' not allowed for the client.`,
        error_uri: 'https://auth0.com/docs/clients/client-grant-types',
      }),
    );
    const error = await rejection(
      publicClient().exchangeOtp({ realm: 'email', username: 'a@b.co', otp: '1' }),
    );
    expect(error.code).toBe('grant_not_enabled');
    expect(error.message).toContain('Passwordless OTP');
    expect(error.message).toContain(OTP_GRANT);
    expect(error.message).toContain('Advanced Settings > Grant Types');
  });

  it('maps 401 access_denied "Unauthorized" (bad secret) to invalid_client, and user is blocked', async () => {
    server.on(
      'POST',
      '/oauth/token',
      reply(401, { error: 'access_denied', error_description: 'Unauthorized' }),
    );
    expect(
      (await rejection(confidentialClient().exchangeOtp({ realm: 'email', username: 'a@b.co', otp: '1' })))
        .code,
    ).toBe('invalid_client');
    server.on(
      'POST',
      '/oauth/token',
      reply(401, { error: 'unauthorized', error_description: 'user is blocked' }),
    );
    expect(
      (await rejection(publicClient().exchangeOtp({ realm: 'email', username: 'a@b.co', otp: '1' }))).code,
    ).toBe('user_blocked');
  });

  it('surfaces mfa_required with the mfa_token and requirements, never serialising the token', async () => {
    server.on(
      'POST',
      '/oauth/token',
      reply(403, {
        error: 'mfa_required',
        error_description: 'Multifactor authentication required',
        mfa_token: 'Fe26.2**secret',
        mfa_requirements: {
          challenge: [{ type: 'otp' }, { type: 'push-notification' }, { type: 'recovery-code' }],
        },
      }),
    );
    const error = await rejection(
      publicClient().exchangeOtp({ realm: 'email', username: 'a@b.co', otp: '1' }),
    );
    expect(error.code).toBe('mfa_required');
    expect(error.mfaToken).toBe('Fe26.2**secret');
    expect(error.mfaRequirements).toEqual({
      challenge: [{ type: 'otp' }, { type: 'push-notification' }, { type: 'recovery-code' }],
    });
    expect(JSON.stringify(error)).not.toContain('Fe26');
    expect(Object.keys(error)).not.toContain('mfaToken');
  });

  it('surfaces mfa_required without mfa_requirements (tenants without Customize MFA)', async () => {
    server.on(
      'POST',
      '/oauth/token',
      reply(403, {
        error: 'mfa_required',
        error_description: 'Multifactor authentication required',
        mfa_token: 'Fe26.2**t',
      }),
    );
    const error = await rejection(
      publicClient().exchangeOtp({ realm: 'email', username: 'a@b.co', otp: '1' }),
    );
    expect(error.code).toBe('mfa_required');
    expect(error.mfaToken).toBe('Fe26.2**t');
    expect(error.mfaRequirements).toBeUndefined();
  });

  it('accepts the legacy {code, description} error shape', async () => {
    server.on(
      'POST',
      '/oauth/token',
      reply(403, { code: 'invalid_grant', description: 'Wrong email or verification code.' }),
    );
    const error = await rejection(
      publicClient().exchangeOtp({ realm: 'email', username: 'a@b.co', otp: '1' }),
    );
    expect(error).toMatchObject({ code: 'invalid_code', auth0Error: 'invalid_grant' });
  });

  it('rejects an empty code locally', async () => {
    const error = await rejection(
      publicClient().exchangeOtp({ realm: 'email', username: 'a@b.co', otp: '  ' }),
    );
    expect(error.code).toBe('invalid_code');
    expect(server.requests).toHaveLength(0);
  });

  it('reports a 200 token response without access_token as invalid_response', async () => {
    server.on('POST', '/oauth/token', reply(200, { token_type: 'Bearer', expires_in: 10 }));
    const error = await rejection(
      publicClient().exchangeOtp({ realm: 'email', username: 'a@b.co', otp: '1' }),
    );
    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('access_token');
  });
});
