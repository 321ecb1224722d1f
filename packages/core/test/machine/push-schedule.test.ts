import { describe, expect, it } from 'vitest';
import { createActor, fromCallback } from 'xstate';
import type { Auth0Client } from '../../src/api/client.ts';
import { PasswordlessError } from '../../src/errors.ts';
import { createPasswordlessActors } from '../../src/machine/actors.ts';
import { passwordlessMachine } from '../../src/machine/machine.ts';
import { settle, T0 } from './harness.ts';

/**
 * The chart's real actors over a stand-in for Auth0 (the edge we do not own here), with one clock
 * for both: the ticker ticks on whole seconds, and each push poll is answered 400 ms after it went
 * out (between two ticks, as on a real network).
 */
function pushFlow(answers: Array<'pending' | 'slow_down'>) {
  const clock = { now: T0 };
  const polls: number[] = [];
  const answeredAt: number[] = [];
  const auth0 = {
    startPasswordless: async () => ({}),
    exchangeOtp: async () => {
      throw new PasswordlessError('mfa_required', { status: 403, mfaToken: 'mfa-token' });
    },
    listAuthenticators: async () => [
      { id: 'push|dev_1', type: 'push-notification', authenticatorType: 'oob', active: true },
    ],
    challenge: async () => ({ challengeType: 'oob', oobCode: 'oob-code' }),
    verifyMfaOob: async () => {
      polls.push(clock.now);
      clock.now += 400;
      answeredAt.push(clock.now);
      const answer = answers.shift() ?? 'pending';
      throw new PasswordlessError(answer === 'pending' ? 'authorization_pending' : 'slow_down', {
        status: 400,
      });
    },
  } as unknown as Auth0Client;
  const machine = passwordlessMachine.provide({
    actors: {
      ...createPasswordlessActors(
        () => auth0,
        () => clock.now,
      ),
      ticker: fromCallback(() => {}),
    },
  });
  const actor = createActor(machine, { input: { clientId: 'client', domain: 'tenant.test' } }).start();
  let second = 0;
  const tick = async () => {
    second += 1;
    clock.now = T0 + second * 1000;
    actor.send({ type: 'TICK', now: clock.now });
    await settle();
  };
  /** From each answer to the poll after it: what Auth0 measures against the interval. */
  const pauses = () => polls.slice(1).map((at, index) => at - (answeredAt[index] ?? 0));
  return { actor, polls, tick, pauses };
}

/** Code, then MFA by push: the flow waiting for its first poll. */
async function untilPush(actor: ReturnType<typeof pushFlow>['actor']) {
  actor.send({ type: 'TICK', now: T0 });
  actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com' });
  await settle();
  actor.send({ type: 'SUBMIT_CODE', otp: '123456' });
  await settle();
  await settle();
}

describe('push polling', () => {
  it('waits a full interval after each answer arrived, so polls are never closer than the interval', async () => {
    const { actor, polls, tick, pauses } = pushFlow([]);
    await untilPush(actor);
    expect(actor.getSnapshot().matches({ challenge: 'push' })).toBe(true);
    // One tick a second for 30 s, as the ticker does.
    for (let count = 0; count < 30; count += 1) await tick();
    expect(polls.length).toBeGreaterThanOrEqual(4);
    // Never sooner than the interval after the answer, and at the first tick after that.
    expect(Math.min(...pauses())).toBeGreaterThanOrEqual(5000);
    expect(Math.max(...pauses())).toBeLessThanOrEqual(6000);
  });

  it('after slow_down waits 5 s longer once, then returns to the base interval', async () => {
    const { actor, tick, pauses } = pushFlow(['slow_down', 'pending', 'pending']);
    await untilPush(actor);
    for (let count = 0; count < 40; count += 1) await tick();
    const [afterSlowDown, next, last] = pauses();
    expect(afterSlowDown).toBeGreaterThanOrEqual(10_000);
    expect(next).toBeGreaterThanOrEqual(5000);
    expect(next).toBeLessThanOrEqual(6000);
    expect(last).toBeLessThanOrEqual(6000);
  });
});
