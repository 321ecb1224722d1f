import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from './browser.ts';
import { latestMessage } from './outbox.ts';
import { startStack, type Stack } from './stack.ts';

let stack: Stack;
let now = Date.now();
beforeAll(async () => void (stack = await startStack({ now: () => now, flowTtlMs: 60_000 })));
afterAll(() => stack.close());

const post = (path: string, init: { headers?: Record<string, string>; body?: string } = {}) =>
  fetch(`${stack.origin}/auth/passwordless${path}`, { method: 'POST', ...init });
const event = JSON.stringify({
  event: { type: 'SUBMIT_IDENTIFIER', identifier: 'csrf@example.com' },
  version: 0,
});

describe('the server refuses what a browser would not send, with a clear 4xx and nothing lost', () => {
  it('a cross-site form post, text/plain, a missing Origin and a foreign Origin', async () => {
    const attempts: Array<{ headers: Record<string, string>; status: number }> = [
      {
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.test' },
        status: 403,
      },
      { headers: { 'content-type': 'text/plain', origin: stack.origin }, status: 415 },
      { headers: { 'content-type': 'application/json' }, status: 403 },
      { headers: { 'content-type': 'application/json', origin: 'https://evil.test' }, status: 403 },
      { headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }, status: 403 },
    ];
    for (const { headers, status } of attempts) {
      const response = await post('/events', { headers, body: event });
      expect(response.status, JSON.stringify(headers)).toBe(status);
      expect(await response.json()).toMatchObject({
        error: expect.any(String),
        error_description: expect.any(String),
      });
    }
    expect(stack.calls.filter((call) => call.url.endsWith('/passwordless/start'))).toHaveLength(0);
    // Same-origin without Origin (as some browsers send it) is fine.
    const sameOrigin = await post('/events', {
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: event,
    });
    expect(sameOrigin.status).toBe(200);
  });

  it('bad bodies: not JSON, no event, an unknown or server-only event type, a bad version', async () => {
    const headers = { 'content-type': 'application/json', origin: stack.origin };
    for (const body of [
      '{',
      '{}',
      '{"event":{"type":"LOGOUT"},"version":0}',
      '{"event":{"type":"MAGIC_LINK_CALLBACK","callbackUrl":"x"},"version":0}',
      '{"event":{"type":"TICK"},"version":-1}',
      '[1]',
    ]) {
      const response = await post('/events', { headers, body });
      expect(response.status, body).toBe(400);
    }
    const huge = await post('/events', { headers, body: JSON.stringify({ pad: 'x'.repeat(100_000) }) });
    expect(huge.status).toBe(413);
  });

  it('a stale version gets 409 with the current view, and the flow goes on', async () => {
    const browser = new TestBrowser(stack.origin);
    await browser.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'stale@example.com' });
    const current = browser.version;
    browser.version = current - 1;
    const stale = await browser.send({ type: 'CHANGE_IDENTIFIER' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: 'stale_version', version: current, view: { step: 'code' } });
    const code = (await latestMessage(stack.emulator.url, 'stale@example.com')).code ?? '';
    expect((await browser.send({ type: 'SUBMIT_CODE', otp: code })).body.view?.step).toBe('authenticated');
  });

  it('an early resend gets 429 with Retry-After, and no second code is sent', async () => {
    const browser = new TestBrowser(stack.origin);
    await browser.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'resend@example.com' });
    const early = await browser.send({ type: 'RESEND' });
    expect(early.status).toBe(429);
    expect(Number(early.headers.get('retry-after'))).toBeGreaterThanOrEqual(29);
    const starts = stack.calls.filter(
      (call) => call.url.endsWith('/passwordless/start') && call.body.includes('resend@'),
    );
    expect(starts).toHaveLength(1);
  });
  it('a tampered, foreign or expired flow cookie', async () => {
    const browser = new TestBrowser(stack.origin);
    await browser.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'cookie@example.com' });
    const cookie = browser.jar.get('pwl-flow') ?? '';
    const [id] = cookie.split('.');

    const forged = new TestBrowser(stack.origin);
    forged.jar.set('pwl-flow', `${id}.${'A'.repeat(43)}`);
    forged.version = browser.version;
    const refused = await forged.send({ type: 'CHANGE_IDENTIFIER' });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('invalid_flow_cookie');

    const garbled = new TestBrowser(stack.origin);
    garbled.jar.set('pwl-flow', 'not-a-flow-cookie');
    expect((await garbled.flow()).status).toBe(400);

    // The real browser's flow was not touched by either.
    expect((await browser.flow()).body.view).toMatchObject({
      step: 'code',
      identifier: 'cookie@example.com',
    });

    // A view of a stored flow counts down from the server's clock now, not from when it was stored.
    now += 20_000;
    const later = await browser.flow();
    expect(later.body.view?.serverNow).toBe(now);
    expect(later.body.view?.deadlines.codeExpiresAt).toBe(now - 20_000 + 180_000);

    now += 41_000;
    const expired = await browser.flow();
    expect(expired.body).toMatchObject({ version: 0, view: { step: 'identify' } });
    expect(browser.jar.has('pwl-flow')).toBe(false);
  });
});
