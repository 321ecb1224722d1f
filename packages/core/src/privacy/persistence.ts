import type { Snapshot } from 'xstate';
import type { PasswordlessActorRef } from '../machine/create.ts';
import type { PasswordlessSnapshot } from '../machine/view.ts';
import { redactSecrets } from './redact.ts';

/** `localStorage`, `sessionStorage`, or anything with the same three synchronous methods. */
export interface PasswordlessStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface PersistenceOptions {
  /** Default `passwordless-xstate`. */
  key?: string;
  /**
   * Keep codes-in-flight, tokens and the `mfa_token`, so MFA steps and the signed-in session survive a
   * reload. Off by default: then only the identify and code steps are stored, and no secret is.
   */
  includeSecrets?: boolean;
}

export type PersistDecision =
  /** A request is in flight: keep the last waiting state, so a reload never re-sends it. */
  | { kind: 'keep' }
  /** Nothing worth keeping (or only with secrets): forget what was stored. */
  | { kind: 'clear' }
  | { kind: 'save'; snapshot: Snapshot<unknown> };

const FORMAT_VERSION = 1;
const DEFAULT_KEY = 'passwordless-xstate';
const statesNeedingSecrets = ['mfa_required', 'challenge', 'authenticated'] as const;

export function decidePersistence(
  actorRef: PasswordlessActorRef,
  options: PersistenceOptions = {},
): PersistDecision {
  const snapshot = actorRef.getSnapshot();
  if (snapshot.status !== 'active') return { kind: 'clear' };
  if (snapshot.hasTag('busy')) return { kind: 'keep' };
  const needsSecrets = statesNeedingSecrets.some((state) => snapshot.matches(state));
  if (needsSecrets && !options.includeSecrets) return { kind: 'clear' };
  if (snapshot.matches('identify') && !snapshot.context.identifier) return { kind: 'clear' };
  const persisted = actorRef.getPersistedSnapshot();
  return { kind: 'save', snapshot: options.includeSecrets ? persisted : redactSecrets(persisted) };
}

/**
 * Saves every waiting state of the chart to `storage` as it changes, so `restorePasswordless` can
 * resume it after a reload without sending a new code. Returns the unsubscribe function.
 */
export function persistPasswordless(
  actorRef: PasswordlessActorRef,
  storage: PasswordlessStorage,
  options: PersistenceOptions = {},
): () => void {
  const key = options.key ?? DEFAULT_KEY;
  const write = () => {
    const decision = decidePersistence(actorRef, options);
    try {
      if (decision.kind === 'save') {
        storage.setItem(key, JSON.stringify({ v: FORMAT_VERSION, snapshot: decision.snapshot }));
      } else if (decision.kind === 'clear') {
        storage.removeItem(key);
      }
    } catch {
      // Storage full, disabled (Safari private mode) or unavailable: the flow works without it.
    }
  };
  write();
  const subscription = actorRef.subscribe(write);
  return () => subscription.unsubscribe();
}

/** The stored snapshot to pass as `createActor(machine, { snapshot })`, or `undefined` when none is usable. */
export function restorePasswordless(
  storage: PasswordlessStorage,
  options: Pick<PersistenceOptions, 'key'> = {},
): PasswordlessSnapshot | undefined {
  const key = options.key ?? DEFAULT_KEY;
  try {
    const raw = storage.getItem(key);
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as {
      v?: unknown;
      snapshot?: { status?: unknown; value?: unknown; context?: unknown };
    };
    if (
      parsed.v !== FORMAT_VERSION ||
      parsed.snapshot?.status !== 'active' ||
      typeof parsed.snapshot.context !== 'object'
    ) {
      storage.removeItem(key);
      return undefined;
    }
    return parsed.snapshot as unknown as PasswordlessSnapshot;
  } catch {
    return undefined;
  }
}

/** Storage that lives as long as the page or process: tests, server renders, or apps without Web Storage. */
export function createMemoryStorage(): PasswordlessStorage & { readonly data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}
