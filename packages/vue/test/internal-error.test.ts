import { describe, expect, it, vi } from 'vitest';
import { effectScope } from 'vue';
import { createActor, type Snapshot } from 'xstate';
import { passwordlessMachine, usePasswordless } from '../src/index.ts';

const options = { clientId: 'client', domain: 'tenant.test' };

/** Passes the restore checks but contradicts itself: an MFA step without an MFA transaction. */
function selfContradictorySnapshot(): Snapshot<unknown> {
  const actor = createActor(passwordlessMachine, { input: options }).start();
  const persisted = actor.getPersistedSnapshot() as unknown as Record<string, unknown>;
  actor.stop();
  return { ...persisted, value: { challenge: 'otp' }, children: {} } as unknown as Snapshot<unknown>;
}

describe('an internal error in the chart', () => {
  it('goes to onError and the reactive view says the flow stopped', async () => {
    const onError = vi.fn();
    const scope = effectScope();
    const flow = scope.run(() =>
      usePasswordless({ ...options, snapshot: selfContradictorySnapshot(), onError }),
    );
    flow?.submitMfaCode('123456');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(onError).toHaveBeenCalledTimes(1);
    expect(flow).toMatchObject({ step: 'identify', error: { code: 'unknown' } });
    expect(flow?.can.submitIdentifier).toBe(false);
    scope.stop();
  });
});
