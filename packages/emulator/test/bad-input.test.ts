import { describe, expect, it } from 'vitest';
import { GRANT, NATIVE, request, useEmulator, type RequestOptions } from './helpers.ts';

interface Case {
  name: string;
  method?: string;
  path: string;
  options: RequestOptions;
  status: number;
  error?: string;
}

const json = { 'content-type': 'application/json' };
const big = 'x'.repeat(2048);

const cases: Case[] = [
  {
    name: 'malformed JSON on start',
    path: '/passwordless/start',
    options: { raw: '{"client_id":', headers: json },
    status: 400,
    error: 'bad.request',
  },
  {
    name: 'malformed JSON on token',
    path: '/oauth/token',
    options: { raw: '{nope', headers: json },
    status: 400,
    error: 'invalid_request',
  },
  {
    name: 'JSON array body',
    path: '/passwordless/start',
    options: { json: [1, 2] },
    status: 400,
    error: 'bad.request',
  },
  {
    name: 'JSON string body',
    path: '/oauth/token',
    options: { json: 'hello' },
    status: 400,
    error: 'invalid_request',
  },
  {
    name: 'JSON null body',
    path: '/mfa/challenge',
    options: { json: null, raw: 'null', headers: json },
    status: 400,
    error: 'invalid_request',
  },
  {
    name: 'text/plain body',
    path: '/oauth/token',
    options: { raw: 'grant_type=x', headers: { 'content-type': 'text/plain' } },
    status: 400,
    error: 'invalid_request',
  },
  {
    name: 'body without content type',
    path: '/passwordless/start',
    options: { raw: '{}', headers: { 'content-type': '' } },
    status: 400,
    error: 'bad.request',
  },
  {
    name: 'body over maxBodyBytes (start)',
    path: '/passwordless/start',
    options: { json: { client_id: big } },
    status: 413,
    error: 'request_entity_too_large',
  },
  {
    name: 'body over maxBodyBytes (token, form)',
    path: '/oauth/token',
    options: { form: { grant_type: big } },
    status: 413,
    error: 'request_entity_too_large',
  },
  {
    name: 'missing grant_type',
    path: '/oauth/token',
    options: { json: { client_id: NATIVE } },
    status: 400,
    error: 'invalid_request',
  },
  {
    name: 'unknown grant',
    path: '/oauth/token',
    options: { json: { grant_type: 'password', client_id: NATIVE } },
    status: 400,
    error: 'unsupported_grant_type',
  },
  {
    name: 'grant named like a prototype member',
    path: '/oauth/token',
    options: { json: { grant_type: 'constructor', client_id: NATIVE } },
    status: 400,
    error: 'unsupported_grant_type',
  },
  {
    name: 'client_id of the wrong type (token)',
    path: '/oauth/token',
    options: { json: { grant_type: GRANT.passwordlessOtp, client_id: 5 } },
    status: 400,
    error: 'invalid_request',
  },
  {
    name: 'client_id of the wrong type (start)',
    path: '/passwordless/start',
    options: { json: { client_id: 5, connection: 'email', email: 'a@b.co' } },
    status: 400,
    error: 'bad.client_id',
  },
  {
    name: 'authParams not an object',
    path: '/passwordless/start',
    options: { json: { client_id: NATIVE, connection: 'email', email: 'a@b.co', authParams: 'x' } },
    status: 400,
    error: 'bad.authParams',
  },
  {
    name: 'phone number not E.164',
    path: '/passwordless/start',
    options: { json: { client_id: NATIVE, connection: 'sms', phone_number: '555' } },
    status: 400,
    error: 'bad.phone_number',
  },
  {
    name: 'connection of the wrong type',
    path: '/passwordless/start',
    options: { json: { client_id: NATIVE, connection: ['email'] } },
    status: 400,
    error: 'bad.connection',
  },
  {
    name: 'otp of the wrong type',
    path: '/oauth/token',
    options: {
      json: {
        grant_type: GRANT.passwordlessOtp,
        client_id: NATIVE,
        realm: 'email',
        username: 'a@b.co',
        otp: 123456,
      },
    },
    status: 400,
    error: 'invalid_request',
  },
  {
    name: 'unknown client on token',
    path: '/oauth/token',
    options: { json: { grant_type: GRANT.passwordlessOtp, client_id: 'who' } },
    status: 401,
    error: 'access_denied',
  },
  {
    name: 'challenge without mfa_token',
    path: '/mfa/challenge',
    options: { json: { client_id: NATIVE } },
    status: 400,
    error: 'invalid_request',
  },
  {
    name: 'mfa_token of the wrong type',
    path: '/mfa/challenge',
    options: { json: { client_id: NATIVE, mfa_token: {} } },
    status: 400,
    error: 'invalid_request',
  },
  {
    name: 'associate without bearer',
    path: '/mfa/associate',
    options: { json: { authenticator_types: ['otp'] } },
    status: 401,
    error: 'invalid_token',
  },
  {
    name: 'clock without a number',
    path: '/__dev/clock',
    options: { json: { advanceSeconds: '5' } },
    status: 400,
    error: 'invalid_request',
  },
  {
    name: 'unknown path',
    method: 'GET',
    path: '/api/v2/users',
    options: {},
    status: 404,
    error: 'not_found',
  },
  {
    name: 'malformed percent-encoding in the path',
    method: 'GET',
    path: '/mfa/authenticators/%E0%A4%A',
    options: {},
    status: 400,
    error: 'invalid_request',
  },
  {
    name: 'stray percent in a path parameter',
    method: 'DELETE',
    path: '/mfa/authenticators/%25',
    options: {},
    status: 401,
    error: 'invalid_token',
  },
  {
    name: 'wrong method on token',
    method: 'GET',
    path: '/oauth/token',
    options: {},
    status: 405,
    error: 'method_not_allowed',
  },
  {
    name: 'wrong method on jwks',
    method: 'DELETE',
    path: '/.well-known/jwks.json',
    options: {},
    status: 405,
    error: 'method_not_allowed',
  },
  {
    name: 'wrong method on start',
    method: 'PUT',
    path: '/passwordless/start',
    options: { json: {} },
    status: 405,
    error: 'method_not_allowed',
  },
  {
    name: 'verify_redirect without client',
    method: 'GET',
    path: '/passwordless/verify_redirect',
    options: {},
    status: 401,
    error: 'access_denied',
  },
  {
    name: 'verify_redirect without redirect_uri',
    method: 'GET',
    path: `/passwordless/verify_redirect?client_id=${NATIVE}`,
    options: {},
    status: 400,
    error: 'invalid_request',
  },
];

describe('bad input never crashes the emulator', () => {
  const emulator = useEmulator({ limits: { maxBodyBytes: 1024 } });

  it.each(cases)('$name → $status $error', async ({ method = 'POST', path, options, status, error }) => {
    const reply = await request(emulator(), method, path, options);
    expect(reply.status).toBe(status);
    expect(reply.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(reply.body).toEqual({ error: expect.any(String), error_description: expect.any(String) });
    if (error) expect(reply.body.error).toBe(error);
    expect(reply.text).not.toMatch(/\bat .+\.ts:\d+|Error:|stack/);
  });

  it('answers 405 with an Allow header naming the methods of the path', async () => {
    const reply = await request(emulator(), 'GET', '/mfa/challenge');
    expect(reply.headers.get('allow')).toBe('POST');
    expect((await request(emulator(), 'PUT', '/userinfo')).headers.get('allow')).toBe('GET, HEAD, POST');
  });

  it('answers HEAD wherever GET works', async () => {
    const reply = await request(emulator(), 'HEAD', '/.well-known/openid-configuration');
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('');
  });

  it('still works after all of it', async () => {
    for (const { method = 'POST', path, options } of cases) await request(emulator(), method, path, options);
    const reply = await request(emulator(), 'GET', '/.well-known/jwks.json');
    expect(reply.status).toBe(200);
  });
});
