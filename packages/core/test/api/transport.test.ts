import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAuth0Client } from '../../src/api/client.ts';
import { reply, startTestServer } from './http-server.ts';
import type { TestServer } from './http-server.ts';
import { rejection } from './rejection.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const client = (timeoutMs = 2000) => createAuth0Client({ baseUrl: server.baseUrl, clientId: 'C', timeoutMs });
const exchange = (timeoutMs?: number, signal?: AbortSignal) =>
  client(timeoutMs).exchangeOtp({
    realm: 'email',
    username: 'a@b.co',
    otp: '123456',
    ...(signal ? { signal } : {}),
  });

describe('responses that are not Auth0 JSON', () => {
  it('maps an HTML 502 page from a proxy to server', async () => {
    server.on('POST', '/oauth/token', (_request, response) => {
      response
        .writeHead(502, { 'content-type': 'text/html' })
        .end('<html><body><h1>502 Bad Gateway</h1></body></html>');
    });
    const error = await rejection(exchange());
    expect(error).toMatchObject({ code: 'server', status: 502 });
    expect(error.message).not.toContain('<html>');
  });

  it('maps an empty 500 body to server', async () => {
    server.on('POST', '/oauth/token', (_request, response) => {
      response.writeHead(500).end();
    });
    expect(await rejection(exchange())).toMatchObject({ code: 'server', status: 500 });
  });

  it('maps a JSON 503 server_error to server and keeps the Auth0 fields', async () => {
    server.on(
      'POST',
      '/oauth/token',
      reply(503, { error: 'temporarily_unavailable', error_description: 'Try later' }),
    );
    expect(await rejection(exchange())).toMatchObject({
      code: 'server',
      auth0Error: 'temporarily_unavailable',
      auth0Description: 'Try later',
    });
  });

  it('maps an HTML 403 to invalid_response and a plain-text 403 keeps its text', async () => {
    server.on('POST', '/oauth/token', (_request, response) => {
      response.writeHead(403, { 'content-type': 'text/html' }).end('<html>Forbidden by WAF</html>');
    });
    const html = await rejection(exchange());
    expect(html).toMatchObject({ code: 'invalid_response', status: 403 });
    expect(html.auth0Description).toBeUndefined();

    server.on('POST', '/oauth/token', (_request, response) => {
      response
        .writeHead(403, { 'content-type': 'text/plain' })
        .end('Origin https://test.app is not allowed.');
    });
    expect(await rejection(exchange())).toMatchObject({
      code: 'invalid_response',
      auth0Description: 'Origin https://test.app is not allowed.',
    });
  });

  it('maps a 200 HTML page (captive portal) and a 200 empty body to invalid_response', async () => {
    server.on('POST', '/oauth/token', (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' }).end('<html>Login to Wi-Fi</html>');
    });
    expect((await rejection(exchange())).code).toBe('invalid_response');
    server.on('POST', '/oauth/token', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end();
    });
    expect((await rejection(exchange())).code).toBe('invalid_response');
  });

  it('treats a 200 body carrying an error member as that error (old authorization_pending samples)', async () => {
    server.on(
      'POST',
      '/oauth/token',
      reply(200, { error: 'authorization_pending', error_description: 'Authorization pending' }),
    );
    expect(await rejection(exchange())).toMatchObject({ code: 'authorization_pending', status: 200 });
  });

  it('reads a 401 WWW-Authenticate Bearer error when the body is not JSON', async () => {
    server.on('GET', '/userinfo', (_request, response) => {
      response
        .writeHead(401, {
          'www-authenticate':
            'Bearer error="invalid_token", error_description="The access token is invalid or expired."',
        })
        .end('Unauthorized');
    });
    const error = await rejection(client().userInfo({ accessToken: 'bad' }));
    expect(error).toMatchObject({
      code: 'invalid_token',
      status: 401,
      auth0Error: 'invalid_token',
      auth0Description: 'The access token is invalid or expired.',
    });
  });
});

describe('failures without a response', () => {
  it('maps a destroyed socket to network and never retries a code exchange', async () => {
    server.on('POST', '/oauth/token', (_request, response) => {
      response.socket?.destroy();
    });
    expect((await rejection(exchange())).code).toBe('network');
    expect(server.requests).toHaveLength(1);
  });

  it('maps a refused connection to network', async () => {
    const closed = await startTestServer();
    const baseUrl = closed.baseUrl;
    await closed.close();
    const error = await rejection(
      createAuth0Client({ baseUrl, clientId: 'C' }).exchangeOtp({
        realm: 'email',
        username: 'a@b.co',
        otp: '1',
      }),
    );
    expect(error.code).toBe('network');
    expect(error.cause).toBeDefined();
  });

  it('names Allowed Web Origins when a cross-origin request fails in a browser, not when same-origin', async () => {
    const closed = await startTestServer();
    const baseUrl = closed.baseUrl;
    await closed.close();
    const refused = () =>
      rejection(
        createAuth0Client({ baseUrl, clientId: 'C' }).exchangeOtp({
          realm: 'email',
          username: 'a@b.co',
          otp: '1',
        }),
      );
    // `location` is the browser's, which Node lacks: the page's origin is the input under test.
    vi.stubGlobal('location', { origin: 'https://app.example' });
    try {
      const crossOrigin = await refused();
      expect(crossOrigin.code).toBe('network');
      expect(crossOrigin.message).toContain('add https://app.example to its Allowed Web Origins');
      vi.stubGlobal('location', { origin: new URL(baseUrl).origin });
      const sameOrigin = await refused();
      expect(sameOrigin.code).toBe('network');
      expect(sameOrigin.message).not.toContain('Allowed Web Origins');
    } finally {
      vi.unstubAllGlobals();
    }
    expect((await refused()).message).not.toContain('Allowed Web Origins');
  });

  it('retries an idempotent read once after a dropped connection', async () => {
    let calls = 0;
    server.on('GET', '/userinfo', (_request, response) => {
      calls += 1;
      if (calls === 1) response.socket?.destroy();
      else
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ sub: 'email|1' }));
    });
    await expect(client().userInfo({ accessToken: 'AT' })).resolves.toEqual({ sub: 'email|1' });
    expect(calls).toBe(2);
  });

  it('gives up on a read after the single retry', async () => {
    server.on('GET', '/userinfo', (_request, response) => {
      response.socket?.destroy();
    });
    expect((await rejection(client().userInfo({ accessToken: 'AT' }))).code).toBe('network');
    expect(server.requests).toHaveLength(2);
  });

  it('maps a server that never answers to timeout after timeoutMs', async () => {
    server.on('POST', '/oauth/token', () => undefined);
    const started = Date.now();
    const error = await rejection(exchange(150));
    expect(error.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('times out a response whose body never finishes', async () => {
    server.on('POST', '/oauth/token', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"access_token":');
    });
    expect((await rejection(exchange(150))).code).toBe('timeout');
  });

  it('maps a caller abort mid-request to aborted', async () => {
    server.on('POST', '/oauth/token', () => undefined);
    const controller = new AbortController();
    const pending = exchange(5000, controller.signal);
    setTimeout(() => controller.abort(), 50);
    const error = await rejection(pending);
    expect(error.code).toBe('aborted');
    expect(server.requests).toHaveLength(1);
  });

  it('maps an abort with a custom reason (leaving a state) to aborted, not network', async () => {
    server.on('POST', '/oauth/token', () => undefined);
    const controller = new AbortController();
    const pending = exchange(5000, controller.signal);
    setTimeout(() => controller.abort(new Error('left the verifying state')), 50);
    expect((await rejection(pending)).code).toBe('aborted');
  });

  it('does not send anything when the signal is already aborted', async () => {
    server.on('POST', '/oauth/token', reply(200, {}));
    const error = await rejection(exchange(1000, AbortSignal.abort()));
    expect(error.code).toBe('aborted');
    expect(server.requests).toHaveLength(0);
  });

  it('uses a custom fetch passed in the options', async () => {
    server.on('POST', '/oauth/token', reply(200, { access_token: 'A', token_type: 'Bearer', expires_in: 1 }));
    const seen: string[] = [];
    const custom = createAuth0Client({
      baseUrl: server.baseUrl,
      clientId: 'C',
      fetch: (input, init) => {
        seen.push(String(input));
        return globalThis.fetch(input, init);
      },
    });
    await custom.exchangeOtp({ realm: 'email', username: 'a@b.co', otp: '1' });
    expect(seen).toEqual([`${server.baseUrl}oauth/token`]);
  });
});
