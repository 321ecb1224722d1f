import { waitFor } from 'xstate';
import type { PasswordlessActorRef } from './create.ts';
import { getStep, type PasswordlessSnapshot, type PasswordlessStep } from './view.ts';

/**
 * Resolves with the snapshot once the flow reaches `step` (for scripts, servers and tests);
 * rejects after `timeoutMs` (default 30 s) or if the actor stops first.
 */
export function waitForStep(
  actorRef: PasswordlessActorRef,
  step: PasswordlessStep | PasswordlessStep[],
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<PasswordlessSnapshot> {
  const steps = Array.isArray(step) ? step : [step];
  return waitFor(actorRef, (snapshot) => steps.includes(getStep(snapshot)), {
    timeout: options.timeoutMs ?? 30_000,
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
