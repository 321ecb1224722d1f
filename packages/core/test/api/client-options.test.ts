import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAuth0Client } from '../../src/api/client.ts';
import { PasswordlessError } from '../../src/errors.ts';
import { reply, startTestServer } from './http-server.ts';
import type { TestServer } from './http-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe('client secret in a browser', () => {
  const globals = globalThis as { window?: unknown; document?: unknown };
  beforeEach(() => {
    globals.window = {};
    globals.document = {};
  });
  afterEach(() => {
    delete globals.window;
    delete globals.document;
  });

  it('refuses to create a confidential client', () => {
    let thrown: unknown;
    try {
      createAuth0Client({ domain: 'tenant.auth0.com', clientId: 'C', clientSecret: 'S' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PasswordlessError);
    expect((thrown as PasswordlessError).code).toBe('insecure_configuration');
    expect((thrown as PasswordlessError).message).toMatch(/browser/);
  });

  it('allows a public client, and a secret when explicitly opted in', () => {
    expect(() => createAuth0Client({ domain: 'tenant.auth0.com', clientId: 'C' })).not.toThrow();
    expect(() =>
      createAuth0Client({
        domain: 'tenant.auth0.com',
        clientId: 'C',
        clientSecret: 'S',
        dangerouslyAllowSecretInBrowser: true,
      }),
    ).not.toThrow();
  });
});

describe('options', () => {
  it('builds https://{domain}/ from a domain, tolerating a scheme or trailing slash', () => {
    expect(createAuth0Client({ domain: 'tenant.eu.auth0.com', clientId: 'C' }).baseUrl).toBe(
      'https://tenant.eu.auth0.com/',
    );
    expect(createAuth0Client({ domain: 'https://login.example.com/', clientId: 'C' }).baseUrl).toBe(
      'https://login.example.com/',
    );
    expect(createAuth0Client({ baseUrl: 'http://127.0.0.1:4000', clientId: 'C' }).baseUrl).toBe(
      'http://127.0.0.1:4000/',
    );
  });

  it('requires a domain or base URL and a client ID', () => {
    expect(() => createAuth0Client({ clientId: 'C' })).toThrow(TypeError);
    expect(() => createAuth0Client({ domain: 'x.auth0.com', clientId: '' })).toThrow(TypeError);
  });

  it('sends the default scope with openid first when a custom scope lacks it', async () => {
    server.on('POST', '/oauth/token', reply(200, { access_token: 'A', expires_in: 1, token_type: 'Bearer' }));
    await createAuth0Client({ baseUrl: server.baseUrl, clientId: 'C' }).exchangeOtp({
      realm: 'email',
      username: 'a@b.co',
      otp: '1',
    });
    await createAuth0Client({
      baseUrl: server.baseUrl,
      clientId: 'C',
      scope: 'email offline_access email',
    }).exchangeOtp({
      realm: 'email',
      username: 'a@b.co',
      otp: '1',
    });
    expect(server.requests.map((request) => request.body?.scope)).toEqual([
      'openid profile email phone offline_access',
      'openid email offline_access',
    ]);
  });

  it('ignores forwardedFor without a secret (no header at all)', async () => {
    server.on('GET', '/userinfo', reply(200, { sub: 's' }));
    await createAuth0Client({ baseUrl: server.baseUrl, clientId: 'C', forwardedFor: '203.0.113.1' }).userInfo(
      {
        accessToken: 'A',
        forwardedFor: '203.0.113.2',
      },
    );
    expect(server.requests[0]?.headers).not.toHaveProperty('auth0-forwarded-for');
  });
});
