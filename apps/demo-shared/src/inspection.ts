import { createInspectionLog, redactSecrets, type InspectCallback } from '@passwordless-xstate/core/inspect';

export type { InspectionLogEntry } from '@passwordless-xstate/core/inspect';

type InspectionEvent = Parameters<InspectCallback>[0];

/** A snapshot's context as the panel shows it: every secret reads `[redacted]`. */
export const redactedContextJson = (context: unknown) => JSON.stringify(redactSecrets(context), null, 2);

/** The demo's one flow, so its log lives as long as the page. */
export const inspectionLog = createInspectionLog({ limit: 100 });

/**
 * What the demo passes as `inspect`: the panel's log, plus Stately's browser inspector with
 * `?inspect` (it opens stately.ai, so it needs the internet; loaded only then, and the events from
 * before it loaded are handed over once it has). Both get redacted events only: the hook wraps
 * whatever it is given with `redactInspection`.
 */
export function demoInspect(search: string): InspectCallback {
  if (!new URLSearchParams(search).has('inspect')) return inspectionLog.inspect;
  let forward: ((event: InspectionEvent) => void) | undefined;
  const early: InspectionEvent[] = [];
  void import('@statelyai/inspect').then(({ createBrowserInspector }) => {
    const stately = createBrowserInspector();
    forward = (event) => stately.inspect.next?.(event);
    early.splice(0).forEach(forward);
  });
  return (event) => {
    inspectionLog.inspect(event);
    if (forward) forward(event);
    else early.push(event);
  };
}
