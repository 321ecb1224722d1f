import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from './browser.ts';
import { currentTotp, latestMessage } from './outbox.ts';
import { startStack, type Stack } from './stack.ts';

// One emulator per describe: both use up the same seeded user's TOTP code (a code counts once).
let stack: Stack;
const ownStack = () => {
  beforeAll(async () => void (stack = await startStack({ now: () => Date.now() + skew })));
  afterAll(() => stack.close());
};
/** How far the server's clock is ahead of the real one (the emulator's is moved alike). */
let skew = 0;
async function advanceClocks(seconds: number) {
  skew += seconds * 1000;
  await fetch(`${stack.emulator.url}/__dev/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceSeconds: seconds }),
  });
}

const codeTo = async (to: string) => (await latestMessage(stack.emulator.url, to)).code ?? '';

/** Follows a magic link as a mail client would, up to the server's callback route (not further). */
async function followLink(email: string): Promise<string> {
  const { link } = await latestMessage(stack.emulator.url, email);
  const redirect = await fetch(link ?? '', { redirect: 'manual' });
  return redirect.headers.get('location') ?? '';
}

describe('MFA through the server', () => {
  ownStack();
  it('TOTP after an e-mail code: the mfa_token never leaves the server', async () => {
    const browser = new TestBrowser(stack.origin);
    await browser.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'totp@example.com' });
    const mfa = await browser.send({ type: 'SUBMIT_CODE', otp: await codeTo('totp@example.com') });
    expect(mfa.body.view).toMatchObject({ step: 'mfa_otp' });
    expect(mfa.body.view?.deadlines.mfaExpiresAt).toBeGreaterThan(mfa.body.view?.serverNow ?? Infinity);
    const done = await browser.send({
      type: 'SUBMIT_MFA_CODE',
      otp: await currentTotp(stack.emulator.url, 'totp@example.com'),
    });
    expect(done.body.view).toMatchObject({ step: 'authenticated', claims: { amr: ['mfa'] } });
    expect(browser.received.join('\n')).not.toMatch(/mfa_token|mfaToken|oob_code|oobCode/);
  });

  it('SMS binding code', async () => {
    const browser = new TestBrowser(stack.origin);
    await browser.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'sms-mfa@example.com' });
    const mfa = await browser.send({ type: 'SUBMIT_CODE', otp: await codeTo('sms-mfa@example.com') });
    expect(mfa.body.view).toMatchObject({ step: 'mfa_oob' });
    const done = await browser.send({ type: 'SUBMIT_MFA_CODE', otp: await codeTo('+15555550101') });
    expect(done.body.view).toMatchObject({ step: 'authenticated' });
  });

  it('push: the browser asks again at nextPollAt and the server polls Auth0', async () => {
    const browser = new TestBrowser(stack.origin);
    await browser.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'push@example.com' });
    const waiting = await browser.send({ type: 'SUBMIT_CODE', otp: await codeTo('push@example.com') });
    expect(waiting.body.view).toMatchObject({ step: 'mfa_push' });
    // Too early: refused without a call to Auth0.
    const early = await browser.send({ type: 'TICK' });
    expect(early.status).toBe(429);
    expect(Number(early.headers.get('retry-after'))).toBeGreaterThan(0);
    const push = await latestMessage(stack.emulator.url, 'push@example.com');
    await fetch(`${stack.emulator.url}/__dev/push/${push.id}/approve`, { method: 'POST' });
    const waitMs = (waiting.body.view?.deadlines.nextPollAt ?? 0) - (waiting.body.view?.serverNow ?? 0);
    await advanceClocks(Math.ceil(waitMs / 1000));
    expect((await browser.send({ type: 'TICK' })).body.view).toMatchObject({ step: 'authenticated' });
  });
});

describe('magic link through the confirm page', () => {
  ownStack();
  it('a mail scanner that opens the link consumes nothing; the button signs in', async () => {
    const browser = new TestBrowser(stack.origin);
    await browser.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'link@example.com', send: 'link' });
    const callback = await followLink('link@example.com');
    expect(callback.startsWith(`${stack.origin}/auth/passwordless/callback?code=`)).toBe(true);
    const path = callback.slice(stack.origin.length);

    // A scanner's GET (no cookie) and the person's GET both only show the confirm page.
    const scanned = await fetch(callback);
    expect(scanned.status).toBe(200);
    expect(scanned.headers.get('referrer-policy')).toBe('same-origin');
    const page = await (await browser.request(path)).text();
    expect(page).toContain('Continue signing in');

    const code = new URL(callback).searchParams.get('code') ?? '';
    const state = new URL(callback).searchParams.get('state') ?? '';
    const confirmed = await browser.request('/auth/passwordless/callback', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.origin },
      body: new URLSearchParams({ code, state }).toString(),
    });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe('/');
    expect((await browser.flow()).body.view).toMatchObject({
      step: 'authenticated',
      user: { email: 'link@example.com' },
    });
  });

  it('then TOTP: the link nonce is checked after the second factor', async () => {
    const browser = new TestBrowser(stack.origin);
    await browser.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'totp@example.com', send: 'link' });
    const callback = new URL(await followLink('totp@example.com'));
    await browser.request('/auth/passwordless/callback', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.origin },
      body: callback.searchParams.toString(),
    });
    expect((await browser.flow()).body.view).toMatchObject({ step: 'mfa_otp' });
    const done = await browser.send({
      type: 'SUBMIT_MFA_CODE',
      otp: await currentTotp(stack.emulator.url, 'totp@example.com'),
    });
    expect(done.body.view).toMatchObject({ step: 'authenticated' });
  });

  it('opened in another browser: a clear page, and the first browser can still finish', async () => {
    const browser = new TestBrowser(stack.origin);
    await browser.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'elsewhere@example.com', send: 'link' });
    const callback = new URL(await followLink('elsewhere@example.com'));
    const stranger = new TestBrowser(stack.origin);
    const refused = await stranger.request('/auth/passwordless/callback', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.origin },
      body: callback.searchParams.toString(),
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Open the link where you asked for it');
    const mine = await browser.request('/auth/passwordless/callback', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.origin },
      body: callback.searchParams.toString(),
    });
    expect(mine.status).toBe(303);
    expect((await browser.flow()).body.view).toMatchObject({ step: 'authenticated' });
  });
});
