import { describe, expect, it } from 'vitest';
import { getPasswordlessView } from '../../src/machine/view.ts';
import { chart, fail, settle, T0 } from './harness.ts';

const tooMany = (retryAfter: number) => fail('rate_limited', { status: 429, retryAfter });

describe("a 429's Retry-After holds for what the person asks next", () => {
  it('a code submitted during it is refused here, without a request; afterwards it goes out', async () => {
    let answers = [tooMany(20)];
    const { actor, callCount } = chart({ exchangeOtp: () => answers.shift() ?? fail('invalid_code') });
    actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com' });
    await settle();
    actor.send({ type: 'SUBMIT_CODE', otp: '123456' });
    await settle();
    expect(callCount('exchangeOtp')).toBe(1);
    actor.send({ type: 'TICK', now: T0 + 5_000 });
    actor.send({ type: 'SUBMIT_CODE', otp: '123456' });
    await settle();
    expect(callCount('exchangeOtp')).toBe(1);
    expect(getPasswordlessView(actor.getSnapshot())).toMatchObject({
      step: 'code',
      error: { code: 'rate_limited', retryAfter: 15 },
    });
    answers = [];
    actor.send({ type: 'TICK', now: T0 + 20_000 });
    actor.send({ type: 'SUBMIT_CODE', otp: '123456' });
    await settle();
    expect(callCount('exchangeOtp')).toBe(2);
  });

  it('a start refused with 429 refuses the next start here too', async () => {
    const { actor, callCount } = chart({ startPasswordless: tooMany(60) });
    actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com' });
    await settle();
    actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com' });
    await settle();
    expect(callCount('startPasswordless')).toBe(1);
    expect(getPasswordlessView(actor.getSnapshot()).error).toMatchObject({
      code: 'rate_limited',
      retryAfter: 60,
    });
  });

  it('a resend refused with 429 only delays resending: the code sent before can still be entered', async () => {
    let starts = 0;
    const { actor, callCount } = chart({
      startPasswordless: () => (starts++ === 0 ? { sentAt: T0 } : tooMany(120)),
    });
    actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com' });
    await settle();
    actor.send({ type: 'TICK', now: T0 + 31_000 });
    actor.send({ type: 'RESEND' });
    await settle();
    expect(getPasswordlessView(actor.getSnapshot()).error?.code).toBe('rate_limited');
    actor.send({ type: 'SUBMIT_CODE', otp: '123456' });
    await settle();
    expect(callCount('exchangeOtp')).toBe(1);
  });
});
