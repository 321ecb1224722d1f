import { waitFor } from 'xstate';
import { PasswordlessError } from '../errors.ts';
import type { PasswordlessActorRef } from './machine.ts';
import type { PasswordlessErrorInfo } from './types.ts';
import { getStep, type PasswordlessSnapshot, type PasswordlessStep } from './view.ts';
import { compact } from '../compact.ts';

/**
 * After an error in these states the chart tries again by itself (the next push poll, the
 * scheduled refresh), so the error is news, not the end of the wait.
 */
const retriesByItself = (snapshot: PasswordlessSnapshot) =>
  snapshot.matches({ challenge: { push: 'waiting' } }) || snapshot.matches('authenticated');

/** Nothing in flight, an error recorded, and nothing more will happen until someone acts. */
function settledInError(snapshot: PasswordlessSnapshot): boolean {
  return snapshot.context.error !== null && !snapshot.hasTag('busy') && !retriesByItself(snapshot);
}

function toPasswordlessError({ code, ...options }: PasswordlessErrorInfo): PasswordlessError {
  return new PasswordlessError(code, options);
}

/**
 * Resolves with the snapshot once the flow reaches `step` (for scripts, servers and tests).
 *
 * Rejects with the flow's `PasswordlessError` (built from `context.error`, so `code`, `status`,
 * `retryAfter`, ... are there) when the flow settles in an error at another step: no request in
 * flight and `context.error` set, such as the code step after `invalid_code` or identify after
 * `rate_limited`. Errors the chart retries by itself (a failed push poll, a failed refresh) do not
 * count. The snapshot at the time of the call counts too, so a locally rejected event (a malformed
 * e-mail) rejects at once: send the event first, then wait. Each submit clears the error of the
 * attempt before, so that error does not reject the wait for the next one.
 *
 * Also rejects after `timeoutMs` (default 30 s), on `signal`, or if the actor stops first.
 */
export async function waitForStep(
  actorRef: PasswordlessActorRef,
  step: PasswordlessStep | PasswordlessStep[],
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<PasswordlessSnapshot> {
  const steps = Array.isArray(step) ? step : [step];
  const reached = (snapshot: PasswordlessSnapshot) => steps.includes(getStep(snapshot));
  const snapshot = await waitFor(actorRef, (next) => reached(next) || settledInError(next), {
    ...compact({ timeout: options.timeoutMs ?? 30_000, signal: options.signal }),
  });
  const { error } = snapshot.context;
  if (reached(snapshot) || error === null) return snapshot;
  throw toPasswordlessError(error);
}
