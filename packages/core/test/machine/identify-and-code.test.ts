import { describe, expect, it } from 'vitest';
import { getPasswordlessView } from '../../src/machine/view.ts';
import { chart, fail, settle, T0 } from './harness.ts';

describe('identify', () => {
  it('rejects a malformed e-mail before any request and keeps what was typed', async () => {
    const { actor, callCount } = chart();
    actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'not-an-email' });
    await settle();
    const view = getPasswordlessView(actor.getSnapshot());
    expect(view.step).toBe('identify');
    expect(view.error?.code).toBe('invalid_identifier');
    expect(view.identifier).toBe('not-an-email');
    expect(callCount('startPasswordless')).toBe(0);
  });

  it('rejects a phone number that is not E.164 for SMS', async () => {
    const { actor, callCount } = chart();
    actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: '555-0100', connection: 'sms' });
    await settle();
    expect(actor.getSnapshot().context.error?.code).toBe('invalid_identifier');
    expect(callCount('startPasswordless')).toBe(0);
  });

  it('normalises the identifier, sends a code and waits for it with the configured timers', async () => {
    const { actor, calls } = chart();
    actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: '  Alice@Example.com ' });
    expect(getPasswordlessView(actor.getSnapshot()).step).toBe('sending');
    await settle();
    const view = getPasswordlessView(actor.getSnapshot());
    expect(view.step).toBe('code');
    expect(calls.startPasswordless?.[0]?.input).toMatchObject({
      identifier: 'alice@example.com',
      send: 'code',
    });
    expect(view.attemptsLeft).toBe(3);
    expect(view.secondsUntilResend).toBe(30);
    expect(view.secondsUntilExpiry).toBe(180);
    expect(view.can.resend).toBe(false);
  });

  it('goes back to identify with a typed error when the start fails, e.g. rate limited', async () => {
    const { actor } = chart({ startPasswordless: fail('rate_limited', { status: 429, retryAfter: 120 }) });
    actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com' });
    await settle();
    const { context } = actor.getSnapshot();
    expect(actor.getSnapshot().matches({ identify: 'editing' })).toBe(true);
    expect(context.error).toMatchObject({ code: 'rate_limited', retryAfter: 120, status: 429 });
  });

  it('aborts the start request on CANCEL', async () => {
    const { actor, calls } = chart({ startPasswordless: () => new Promise(() => {}) });
    actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com' });
    await settle();
    actor.send({ type: 'CANCEL' });
    expect(actor.getSnapshot().matches({ identify: 'editing' })).toBe(true);
    expect(calls.startPasswordless?.[0]?.signal.aborted).toBe(true);
  });
});

async function codeSent(replies: Parameters<typeof chart>[0] = {}) {
  const harness = chart(replies);
  harness.actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com' });
  await settle();
  return harness;
}

describe('sent and verifying', () => {
  it('sends exactly one request for a double-clicked Verify', async () => {
    let resolve!: () => void;
    const { actor, callCount } = await codeSent({
      exchangeOtp: () => new Promise((_, reject) => (resolve = () => reject(new Error('late')))),
    });
    actor.send({ type: 'SUBMIT_CODE', otp: '123456' });
    actor.send({ type: 'SUBMIT_CODE', otp: '123456' });
    expect(callCount('exchangeOtp')).toBe(1);
    expect(getPasswordlessView(actor.getSnapshot()).busy).toBe(true);
    resolve();
  });

  it('counts wrong codes down and asks for a new code after the last attempt', async () => {
    const { actor } = await codeSent({ exchangeOtp: fail('invalid_code', { status: 403 }) });
    for (const attemptsLeft of [2, 1]) {
      actor.send({ type: 'SUBMIT_CODE', otp: '000000' });
      await settle();
      const view = getPasswordlessView(actor.getSnapshot());
      expect(view).toMatchObject({ step: 'code', attemptsLeft, codeExpired: false });
      expect(view.error?.code).toBe('invalid_code');
    }
    actor.send({ type: 'SUBMIT_CODE', otp: '000000' });
    await settle();
    const view = getPasswordlessView(actor.getSnapshot());
    expect(view).toMatchObject({ attemptsLeft: 0, codeExpired: true });
    expect(view.can.submitCode).toBe(false);
  });

  it('treats an expired code from the server as dead', async () => {
    const { actor } = await codeSent({ exchangeOtp: fail('code_expired', { status: 403 }) });
    actor.send({ type: 'SUBMIT_CODE', otp: '123456' });
    await settle();
    expect(getPasswordlessView(actor.getSnapshot())).toMatchObject({
      codeExpired: true,
      error: { code: 'code_expired' },
    });
  });

  it('refuses a malformed code locally without a request', async () => {
    const { actor, callCount } = await codeSent();
    actor.send({ type: 'SUBMIT_CODE', otp: '12ab' });
    await settle();
    expect(callCount('exchangeOtp')).toBe(0);
    expect(actor.getSnapshot().context.error?.code).toBe('invalid_code');
  });

  it('moves to the expired sub-state when the code lifetime passes', async () => {
    const { actor } = await codeSent();
    actor.send({ type: 'TICK', now: T0 + 179_000 });
    expect(getPasswordlessView(actor.getSnapshot()).codeExpired).toBe(false);
    expect(getPasswordlessView(actor.getSnapshot()).secondsUntilExpiry).toBe(1);
    actor.send({ type: 'TICK', now: T0 + 180_000 });
    expect(actor.getSnapshot().matches({ sent: { code: 'expired' } })).toBe(true);
  });

  it('allows a resend only after the cooldown, and the new code resets attempts and expiry', async () => {
    let sentAt = T0;
    const { actor, callCount } = await codeSent({
      startPasswordless: () => ({ sentAt }),
      exchangeOtp: fail('invalid_code'),
    });
    actor.send({ type: 'SUBMIT_CODE', otp: '000000' });
    await settle();
    actor.send({ type: 'RESEND' });
    expect(callCount('startPasswordless')).toBe(1);
    actor.send({ type: 'TICK', now: T0 + 30_000 });
    expect(getPasswordlessView(actor.getSnapshot()).can.resend).toBe(true);
    sentAt = T0 + 31_000;
    actor.send({ type: 'RESEND' });
    await settle();
    const view = getPasswordlessView(actor.getSnapshot());
    expect(callCount('startPasswordless')).toBe(2);
    expect(view).toMatchObject({
      attemptsLeft: 3,
      secondsUntilResend: 30,
      secondsUntilExpiry: 180,
      error: null,
    });
  });

  it('waits at least Retry-After before the next resend after a 429', async () => {
    const { actor } = await codeSent({
      startPasswordless: (() => {
        let first = true;
        return () => {
          if (first) return ((first = false), { sentAt: T0 });
          return fail('rate_limited', { status: 429, retryAfter: 90 });
        };
      })(),
    });
    actor.send({ type: 'TICK', now: T0 + 30_000 });
    actor.send({ type: 'RESEND' });
    await settle();
    const view = getPasswordlessView(actor.getSnapshot());
    expect(view.error?.code).toBe('rate_limited');
    expect(view.secondsUntilResend).toBe(90);
  });

  it('lets the person change the identifier, keeping it prefilled', async () => {
    const { actor } = await codeSent();
    actor.send({ type: 'CHANGE_IDENTIFIER' });
    const view = getPasswordlessView(actor.getSnapshot());
    expect(view.step).toBe('identify');
    expect(view.identifier).toBe('alice@example.com');
    expect(view.secondsUntilExpiry).toBeNull();
  });

  it('signs in with the right code', async () => {
    const { actor, calls } = await codeSent();
    actor.send({ type: 'SUBMIT_CODE', otp: '123 456' });
    await settle();
    const view = getPasswordlessView(actor.getSnapshot());
    expect(calls.exchangeOtp?.[0]?.input).toMatchObject({ otp: '123456', connection: 'email' });
    expect(view.step).toBe('authenticated');
    expect(view.user?.email).toBe('a@b.co');
  });
});
