import { createActor, type Snapshot } from 'xstate';
import { passwordlessMachine } from '../../src/machine/machine.ts';

/** The input the snapshot below was made with. */
export const contradictoryOptions = { clientId: 'client', domain: 'tenant.test' };

/**
 * A stored flow that passes the restore checks but contradicts itself (an MFA step without an MFA
 * transaction, as a hand-edited store could hold): the next MFA event makes the chart throw. Shared
 * by core's and the adapters' tests of what happens then.
 */
export function selfContradictorySnapshot(): Snapshot<unknown> {
  const actor = createActor(passwordlessMachine, { input: contradictoryOptions }).start();
  const persisted = actor.getPersistedSnapshot() as unknown as Record<string, unknown>;
  actor.stop();
  return { ...persisted, value: { challenge: 'otp' }, children: {} } as unknown as Snapshot<unknown>;
}
