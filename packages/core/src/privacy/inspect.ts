import type { AnyActorRef, InspectionEvent } from 'xstate';
import { redactSecrets } from './redact.ts';

/** XState's `inspect` option: a function, or an observer with `next`. */
export type InspectCallback = (event: InspectionEvent) => void;
export type Inspector = InspectCallback | { next?: InspectCallback };

// Transition definitions hold state nodes (large, cyclic, and free of runtime secrets).
const passThrough = new Set(['type', 'rootId', '_transitions']);

function redactedRef<T extends AnyActorRef | undefined>(ref: T): T {
  if (!ref) return ref;
  return new Proxy(ref, {
    get(target, property, receiver) {
      if (property === 'getSnapshot') return () => redactSecrets(target.getSnapshot());
      if (property === 'getPersistedSnapshot') return () => redactSecrets(target.getPersistedSnapshot());
      return Reflect.get(target, property, receiver);
    },
  });
}

export function redactInspectionEvent(event: InspectionEvent): InspectionEvent {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    if (key === 'actorRef' || key === 'sourceRef') out[key] = redactedRef(value as AnyActorRef | undefined);
    else out[key] = passThrough.has(key) ? value : redactSecrets(value);
  }
  return out as unknown as InspectionEvent;
}

/**
 * Wraps any XState `inspect` callback (Stately's inspectors, a logger, a devtools panel) so that
 * no code, token, `mfa_token`, recovery code or client secret reaches it.
 */
export function redactInspection(inspect: Inspector): InspectCallback {
  return (event) => {
    const redacted = redactInspectionEvent(event);
    if (typeof inspect === 'function') inspect(redacted);
    else inspect.next?.(redacted);
  };
}
