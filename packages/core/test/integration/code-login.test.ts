import { describe, expect, it } from 'vitest';
import { startEmulator } from '@passwordless-xstate/emulator';
import { createAuth0Client } from '../../src/api/client.ts';
import { isPasswordlessError } from '../../src/errors.ts';
import { emulatorUrl, latest, outbox, startFlow } from './helpers.ts';

const fresh = (name: string) => `${name}-${Math.random().toString(36).slice(2, 8)}@example.com`;

describe('passwordless code login against the emulator', () => {
  it('signs in with an e-mail code and validated ID-token claims', async () => {
    const email = fresh('code');
    const flow = startFlow();
    flow.actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: email });
    await flow.until('code');
    flow.actor.send({ type: 'SUBMIT_CODE', otp: (await latest(email)).code ?? '' });
    await flow.until('authenticated');
    const view = flow.view();
    expect(view.user?.email).toBe(email);
    expect(view.claims?.iss).toBe(`${emulatorUrl()}/`);
    expect(view.claims?.aud).toBe('pwl-native');
    expect(flow.actor.getSnapshot().context.session?.tokens.refreshToken).toEqual(expect.any(String));
    flow.actor.stop();
  });

  it('signs in with an SMS code', async () => {
    const flow = startFlow({ connection: 'sms' });
    flow.actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: '+1 555 555 0100' });
    await flow.until('code');
    flow.actor.send({ type: 'SUBMIT_CODE', otp: (await latest('+15555550100')).code ?? '' });
    await flow.until('authenticated');
    expect(flow.view().claims?.sub).toMatch(/^sms\|/);
    flow.actor.stop();
  });

  it('counts a wrong code, then accepts the right one', async () => {
    const email = fresh('wrong');
    const flow = startFlow();
    flow.actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: email });
    await flow.until('code');
    const code = (await latest(email)).code ?? '';
    flow.actor.send({ type: 'SUBMIT_CODE', otp: code === '000000' ? '111111' : '000000' });
    await flow.until((snapshot) => snapshot.context.error !== null);
    expect(flow.view()).toMatchObject({ step: 'code', attemptsLeft: 2, error: { code: 'invalid_code' } });
    flow.actor.send({ type: 'SUBMIT_CODE', otp: code });
    await flow.until('authenticated');
    flow.actor.stop();
  });

  it('invalidates the code after three wrong attempts; a resend after the cooldown brings a working code', async () => {
    const email = fresh('resend');
    const flow = startFlow({ resendCooldownSeconds: 1 });
    flow.actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: email });
    await flow.until('code');
    const first = (await latest(email)).code ?? '';
    for (let attempt = 0; attempt < 3; attempt += 1) {
      flow.actor.send({ type: 'SUBMIT_CODE', otp: first === '000000' ? '111111' : '000000' });
      await flow.until(
        (snapshot) => !snapshot.hasTag('busy') && snapshot.context.attemptsLeft === 2 - attempt,
      );
    }
    expect(flow.view().codeExpired).toBe(true);
    await flow.until((snapshot) => snapshot.can({ type: 'RESEND' }));
    flow.actor.send({ type: 'RESEND' });
    await flow.until((snapshot) => snapshot.matches({ sent: { code: 'valid' } }) && !snapshot.hasTag('busy'));
    const messages = await outbox(email);
    expect(messages).toHaveLength(2);
    flow.actor.send({ type: 'SUBMIT_CODE', otp: messages[1]?.code ?? '' });
    await flow.until('authenticated');
    flow.actor.stop();
  });

  it('reports a code that expired on the server as dead', async () => {
    const emulator = await startEmulator({ port: 0, log: false });
    try {
      const flow = startFlow({ baseUrl: emulator.url });
      flow.actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com' });
      await flow.until('code');
      emulator.advanceClock(181);
      flow.actor.send({ type: 'SUBMIT_CODE', otp: emulator.latestCode('alice@example.com') ?? '' });
      await flow.until((snapshot) => snapshot.context.error !== null);
      expect(flow.view()).toMatchObject({ codeExpired: true, error: { code: 'code_expired' } });
      flow.actor.stop();
    } finally {
      await emulator.close();
    }
  });

  it('surfaces the rate limit of a confidential server-side client per end-user IP', async () => {
    const secret = 'pwl-web-secret-for-local-development-only';
    const client = createAuth0Client({ baseUrl: emulatorUrl(), clientId: 'pwl-web', clientSecret: secret });
    const email = fresh('limited');
    for (let start = 0; start < 50; start += 1) {
      await client.startPasswordless({
        connection: 'email',
        email,
        send: 'code',
        forwardedFor: '203.0.113.7',
      });
    }
    const limited = startFlow({ clientId: 'pwl-web', clientSecret: secret, forwardedFor: '203.0.113.7' });
    limited.actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: email });
    await limited.until((snapshot) => snapshot.context.error !== null);
    const { error } = limited.view();
    expect(error).toMatchObject({
      code: 'rate_limited',
      status: 429,
      rateLimit: { limit: 50, remaining: 0 },
    });
    expect(error?.retryAfter).toBeGreaterThan(0);

    const otherUser = startFlow({ clientId: 'pwl-web', clientSecret: secret, forwardedFor: '203.0.113.8' });
    otherUser.actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: email });
    await otherUser.until('code');
    limited.actor.stop();
    otherUser.actor.stop();
  });

  it('refreshes, then revokes on logout so the refresh token stops working', async () => {
    const email = fresh('session');
    const flow = startFlow();
    flow.actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: email });
    await flow.until('code');
    flow.actor.send({ type: 'SUBMIT_CODE', otp: (await latest(email)).code ?? '' });
    await flow.until('authenticated');
    const before = flow.actor.getSnapshot().context.session?.tokens;
    flow.actor.send({ type: 'REFRESH' });
    await flow.until(
      (snapshot) =>
        snapshot.matches({ authenticated: 'active' }) &&
        snapshot.context.session?.tokens.accessToken !== before?.accessToken,
    );
    flow.actor.send({ type: 'LOGOUT' });
    await flow.until('identify');
    const client = createAuth0Client({ baseUrl: emulatorUrl(), clientId: 'pwl-native' });
    const refreshed = await client
      .refresh({ refreshToken: before?.refreshToken ?? '' })
      .catch((error: unknown) => error);
    expect(isPasswordlessError(refreshed, 'invalid_refresh_token')).toBe(true);
    flow.actor.stop();
  });
});
