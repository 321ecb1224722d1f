import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientIp, parseTrustProxy } from '../src/client-ip.ts';
import { TestBrowser } from './browser.ts';
import { latestMessage } from './outbox.ts';
import { startStack, type Stack } from './stack.ts';

describe('the end user IP', () => {
  it('is the socket peer unless the peer is a trusted proxy; junk in the header is ignored', () => {
    const none = parseTrustProxy(false);
    const loopback = parseTrustProxy(['127.0.0.1', '10.0.0.0/8']);
    const oneHop = parseTrustProxy(1);
    expect(clientIp('127.0.0.1', '203.0.113.7', none)).toBe('127.0.0.1');
    expect(clientIp('::ffff:127.0.0.1', '203.0.113.7', loopback)).toBe('203.0.113.7');
    expect(clientIp('127.0.0.1', '198.51.100.9, 203.0.113.7, 10.1.2.3', loopback)).toBe('203.0.113.7');
    expect(clientIp('192.0.2.1', '203.0.113.7', loopback)).toBe('192.0.2.1');
    expect(clientIp('127.0.0.1', 'not-an-ip', loopback)).toBe('127.0.0.1');
    expect(clientIp('127.0.0.1', '198.51.100.9, 203.0.113.7', oneHop)).toBe('203.0.113.7');
    expect(clientIp('127.0.0.1', '2001:db8::1', loopback)).toBe('2001:db8::1');
    expect(() => parseTrustProxy(['nonsense'])).toThrow(TypeError);
  });
});

const startsWithIp = (stack: Stack) =>
  stack.calls
    .filter((call) => call.url.endsWith('/passwordless/start'))
    .map((call) => call.headers.get('auth0-forwarded-for'));

describe('auth0-forwarded-for and the server’s own start limits', () => {
  let direct: Stack;
  let proxied: Stack;
  beforeAll(async () => {
    direct = await startStack();
    proxied = await startStack({ trustProxy: ['127.0.0.1'], emulator: direct.emulator });
  });
  afterAll(async () => {
    await proxied.close();
    await direct.close();
  });

  it('a spoofed X-Forwarded-For from an untrusted peer is ignored; from a trusted proxy it is used', async () => {
    const spoofed = await new TestBrowser(direct.origin).send(
      { type: 'SUBMIT_IDENTIFIER', identifier: 'spoof@example.com' },
      { 'x-forwarded-for': '203.0.113.7' },
    );
    expect(spoofed.status).toBe(200);
    expect(startsWithIp(direct)).toEqual(['127.0.0.1']);
    await new TestBrowser(proxied.origin).send(
      { type: 'SUBMIT_IDENTIFIER', identifier: 'proxied@example.com' },
      { 'x-forwarded-for': '203.0.113.7' },
    );
    expect(startsWithIp(proxied)).toEqual(['203.0.113.7']);
  });

  it('the 51st start from one end-user IP in an hour gets 429, another IP still passes', async () => {
    const from = (ip: string, index: number) =>
      new TestBrowser(proxied.origin).send(
        { type: 'SUBMIT_IDENTIFIER', identifier: `limit-${index}@example.com` },
        { 'x-forwarded-for': ip },
      );
    for (let index = 0; index < 50; index += 1) {
      expect((await from('198.51.100.1', index)).status).toBe(200);
    }
    const refused = await from('198.51.100.1', 50);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3000);
    expect(refused.body.error).toBe('rate_limited');
    expect((await from('198.51.100.2', 51)).status).toBe(200);
  });

  it('more than 10 starts to one address in an hour get 429, whatever the IP', async () => {
    for (let index = 0; index < 10; index += 1) {
      const sent = await new TestBrowser(proxied.origin).send(
        { type: 'SUBMIT_IDENTIFIER', identifier: 'Popular@example.com' },
        { 'x-forwarded-for': `192.0.2.${index + 1}` },
      );
      expect(sent.status).toBe(200);
    }
    const refused = await new TestBrowser(proxied.origin).send(
      { type: 'SUBMIT_IDENTIFIER', identifier: 'popular@example.com' },
      { 'x-forwarded-for': '192.0.2.99' },
    );
    expect(refused.status).toBe(429);
  });
});

describe('two submits at once', () => {
  let stack: Stack;
  beforeAll(async () => void (stack = await startStack()));
  afterAll(() => stack.close());

  it('20 concurrent submits of one code: one reaches Auth0 and succeeds, the others get 409', async () => {
    const browser = new TestBrowser(stack.origin);
    await browser.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'race@example.com' });
    const otp = (await latestMessage(stack.emulator.url, 'race@example.com')).code ?? '';
    const tokenCallsBefore = stack.calls.filter((call) => call.url.endsWith('/oauth/token')).length;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => browser.send({ type: 'SUBMIT_CODE', otp })),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    expect(stack.calls.filter((call) => call.url.endsWith('/oauth/token')).length - tokenCallsBefore).toBe(1);
    expect(answers.find((answer) => answer.status === 200)?.body.view?.step).toBe('authenticated');
  });
});
