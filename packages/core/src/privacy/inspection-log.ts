import type { InspectionEvent } from 'xstate';
import { redactInspection, type InspectCallback } from './inspect.ts';
import { redactSecrets } from './redact.ts';

export interface InspectionLogEntry {
  /** Increasing id, for list keys. */
  id: number;
  /** Milliseconds since the epoch, when the chart received the event. */
  at: number;
  /** The event's type (`SUBMIT_CODE`, `xstate.done.actor.exchangeOtp`, …). */
  eventType: string;
  /** The event with every secret replaced by `[redacted]`. */
  event: Record<string, unknown>;
  /** The root chart's state value after the event, e.g. `{ challenge: 'otp' }`. */
  value: unknown;
}

export interface InspectionLog {
  /** Pass as `inspect` (it redacts before anything is kept). */
  inspect: InspectCallback;
  /** Newest last. */
  entries(): readonly InspectionLogEntry[];
  /** Called after each new entry; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  clear(): void;
}

/**
 * A bounded, redacted event log of the root chart for devtools panels: what happened, when, and the
 * state it led to. Nothing secret is ever stored in it.
 */
export function createInspectionLog(
  options: {
    limit?: number;
    now?: () => number;
    /** Event types not worth a line; by default the clock's `TICK`, which comes every second. */
    ignore?: string[];
  } = {},
): InspectionLog {
  const limit = options.limit ?? 200;
  const ignore = new Set(options.ignore ?? ['TICK']);
  const now = options.now ?? Date.now;
  let entries: InspectionLogEntry[] = [];
  let nextId = 1;
  const listeners = new Set<() => void>();

  const record = (event: InspectionEvent) => {
    // Only the root chart's snapshots: each carries the event that led to it.
    const isRoot = event.actorRef.sessionId === event.rootId;
    if (event.type !== '@xstate.snapshot' || !isRoot || ignore.has(event.event.type)) return;
    const snapshot = event.snapshot as { value?: unknown };
    entries = [
      ...entries,
      {
        id: nextId++,
        at: now(),
        eventType: event.event.type,
        event: redactSecrets(event.event) as Record<string, unknown>,
        value: snapshot.value,
      },
    ].slice(-limit);
    for (const listener of listeners) listener();
  };

  return {
    inspect: redactInspection(record),
    entries: () => entries,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clear() {
      entries = [];
      for (const listener of listeners) listener();
    },
  };
}
