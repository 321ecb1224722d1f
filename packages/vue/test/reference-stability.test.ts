import { describe, expect, it } from 'vitest';
import { effectScope, watch } from 'vue';
import { usePasswordless, type UsePasswordlessResult } from '../src/index.ts';
import { useEmulator } from '../../core/test/support/use-emulator.ts';

const emulator = useEmulator();

/** The flow in an effect scope, with counts of how often watchers of one slice of the view fire. */
function watchedFlow() {
  const scope = effectScope();
  const runs = { can: 0, session: 0, authenticators: 0 };
  const flow = scope.run(() => {
    const started = usePasswordless(emulator.options());
    // `flush: 'sync'`: each change counts at once, not batched into one per tick of Vue's scheduler.
    watch(
      () => started.can,
      () => void (runs.can += 1),
      { flush: 'sync' },
    );
    watch(
      () => started.session,
      () => void (runs.session += 1),
      { flush: 'sync' },
    );
    watch(
      () => started.mfa?.authenticators,
      () => void (runs.authenticators += 1),
      { flush: 'sync' },
    );
    return started;
  });
  if (!flow) throw new Error('the scope did not run');
  return { flow, runs, stop: () => scope.stop() };
}

const tick = (flow: UsePasswordlessResult, at: number) => flow.actorRef.send({ type: 'TICK', now: at });

async function untilStep(flow: UsePasswordlessResult, step: UsePasswordlessResult['step']) {
  await expect.poll(() => flow.step, { timeout: 15_000 }).toBe(step);
}

describe('usePasswordless keeps unchanged parts of the view by reference', () => {
  it('`can` across countdown ticks, and `session` once signed in', async () => {
    const { flow, runs, stop } = watchedFlow();
    flow.submitIdentifier('alice@example.com');
    await untilStep(flow, 'code');
    const can = flow.can;
    const before = { ...runs };
    const start = Date.now();
    for (const seconds of [5, 10, 15]) tick(flow, start + seconds * 1000);
    expect(flow.secondsUntilResend).toBeLessThanOrEqual(15);
    expect(flow.can).toBe(can);
    expect(runs.can).toBe(before.can);

    flow.submitCode(emulator.current.latestCode('alice@example.com') ?? '');
    await untilStep(flow, 'authenticated');
    const session = flow.session;
    const signedIn = { ...runs };
    for (const seconds of [20, 25, 30]) tick(flow, start + seconds * 1000);
    expect(flow.session).toBe(session);
    expect(runs.session).toBe(signedIn.session);
    stop();
  });

  it('`mfa.authenticators` while the MFA countdown moves', async () => {
    const { flow, runs, stop } = watchedFlow();
    flow.submitIdentifier('multi@example.com');
    await untilStep(flow, 'code');
    flow.submitCode(emulator.current.latestCode('multi@example.com') ?? '');
    await untilStep(flow, 'mfa_choose');
    const authenticators = flow.mfa?.authenticators;
    const expiry = flow.mfa?.secondsUntilExpiry ?? 0;
    const before = { ...runs };
    const start = Date.now();
    for (const seconds of [5, 10, 15]) tick(flow, start + seconds * 1000);
    expect(flow.mfa?.secondsUntilExpiry).toBeLessThan(expiry);
    expect(flow.mfa?.authenticators).toBe(authenticators);
    expect(runs.authenticators).toBe(before.authenticators);
    stop();
  });
});
