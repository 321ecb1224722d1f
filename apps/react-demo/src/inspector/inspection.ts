import { createInspectionLog, type InspectCallback } from '@passwordless-xstate/react';
import { createBrowserInspector } from '@statelyai/inspect';

/** The demo's one flow, so its log lives as long as the page. */
export const inspectionLog = createInspectionLog({ limit: 100 });

/**
 * What the demo passes as `inspect`: the panel's log, plus Stately's browser inspector with
 * `?inspect` (it opens stately.ai, so it needs the internet). Both get redacted events only: the
 * hook wraps whatever it is given with `redactInspection`.
 */
export function demoInspect(search: string): InspectCallback {
  const stately = new URLSearchParams(search).has('inspect') ? createBrowserInspector() : undefined;
  return (event) => {
    inspectionLog.inspect(event);
    stately?.inspect.next?.(event);
  };
}
