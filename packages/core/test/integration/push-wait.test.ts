import { startEmulator, type RunningEmulator } from '@passwordless-xstate/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PasswordlessSnapshot } from '../../src/machine/view.ts';
import { advanceEmulatorClock, latest, startFlow } from './helpers.ts';

// An emulator of its own: this test moves its clock a whole minute, which others must not feel.
let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, log: false });
});
afterAll(() => emulator.close());

/** A `fetch` that keeps the `error` of every push poll Auth0 (the emulator) answered. */
function pollRecordingFetch() {
  const answers: string[] = [];
  const recording: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const body = typeof init?.body === 'string' ? init.body : '';
    if (body.includes('mfa-oob')) {
      const answer = (await response.clone().json()) as { error?: string };
      answers.push(answer.error ?? 'ok');
    }
    return response;
  };
  return { answers, fetch: recording };
}

const signedIn = (snapshot: PasswordlessSnapshot) => snapshot.matches({ authenticated: 'active' });

describe('a push approval, waited for as a person does', () => {
  it('polls for a minute at the interval with no slow_down, and notices the approval within one interval', async () => {
    const recorder = pollRecordingFetch();
    const flow = startFlow({ manualTime: true, baseUrl: `${emulator.url}/`, fetch: recorder.fetch });
    flow.actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'push@example.com' });
    await flow.until('code');
    flow.actor.send({
      type: 'SUBMIT_CODE',
      otp: (await latest('push@example.com', emulator.url)).code ?? '',
    });
    await flow.until('mfa_push');

    // The chart's clock and Auth0's move together, one second per tick, as on a real page.
    let now = Date.now();
    let approvedAt = 0;
    let noticedAt = 0;
    for (let second = 1; second <= 75 && noticedAt === 0; second += 1) {
      now += 1000;
      await advanceEmulatorClock(1, emulator.url);
      flow.actor.send({ type: 'TICK', now });
      await flow.until((snapshot) => !snapshot.hasTag('busy'));
      if (second === 60) {
        const push = await latest('push@example.com', emulator.url);
        await fetch(`${emulator.url}/__dev/push/${push.id}/approve`, { method: 'POST' });
        approvedAt = second;
      }
      if (signedIn(flow.actor.getSnapshot())) noticedAt = second;
    }

    expect(recorder.answers.filter((answer) => answer === 'slow_down')).toEqual([]);
    // One poll per 5-second interval while waiting (the first 5 s after the challenge).
    expect(
      recorder.answers.filter((answer) => answer === 'authorization_pending').length,
    ).toBeGreaterThanOrEqual(11);
    expect(recorder.answers.at(-1)).toBe('ok');
    expect(noticedAt).toBeGreaterThan(approvedAt);
    expect(noticedAt - approvedAt).toBeLessThanOrEqual(5);
    flow.actor.stop();
  });
});
