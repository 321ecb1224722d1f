import type { Snapshot } from 'xstate';
import type { PasswordlessActorRef } from './machine.ts';
import { CHART_VERSION } from './restore.ts';
import type { PasswordlessSnapshot } from './view.ts';
import { redactSecrets } from '../privacy/redact.ts';
import type { InterruptedFlow, PasswordlessNotice, PasswordlessStorage } from './types.ts';

export type { PasswordlessStorage } from './types.ts';

export interface PersistenceOptions {
  /** Default `passwordless-xstate`. */
  key?: string;
  /**
   * `true`: keep codes-in-flight, tokens and the `mfa_token`, so MFA steps and the signed-in session
   * survive a reload. `'refresh-token'`: keep only a signed-in session's refresh token (the access and
   * ID tokens stay in memory, as auth0-spa-js's `cacheLocation`), so a reload refreshes the session
   * at once; MFA steps start over. Off by default: only the identify and code steps are stored, and
   * no secret is.
   */
  includeSecrets?: boolean | 'refresh-token';
}

export type PersistDecision =
  /** A request is in flight: keep the last waiting state, so a reload never re-sends it. */
  | { kind: 'keep' }
  /** Nothing worth keeping: forget what was stored. */
  | { kind: 'clear' }
  /** Only with secrets, which may not be stored: keep what a reload needs to say so, and no secret. */
  | { kind: 'interrupted'; interrupted: InterruptedFlow }
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
  const refreshToken = snapshot.matches('authenticated')
    ? snapshot.context.session?.tokens.refreshToken
    : undefined;
  const keepsRefreshToken = options.includeSecrets === 'refresh-token' && refreshToken !== undefined;
  if (needsSecrets && options.includeSecrets !== true && !keepsRefreshToken) {
    const { identifier, connection, send } = snapshot.context;
    const notice = snapshot.matches('authenticated') ? 'session_ended' : 'flow_interrupted';
    return { kind: 'interrupted', interrupted: { notice, identifier, connection, send } };
  }
  if (snapshot.matches('identify') && !snapshot.context.identifier) return { kind: 'clear' };
  const persisted = actorRef.getPersistedSnapshot();
  if (options.includeSecrets === true) return { kind: 'save', snapshot: persisted };
  if (keepsRefreshToken)
    return { kind: 'save', snapshot: withRefreshTokenOnly(persisted, snapshot, refreshToken) };
  return { kind: 'save', snapshot: withoutSecrets(persisted) };
}

/**
 * A signed-in snapshot that holds no secret but the refresh token: the session has no access or ID
 * token and is due for refresh, so the restored chart refreshes it on its first tick.
 */
function withRefreshTokenOnly(
  persisted: Snapshot<unknown>,
  snapshot: PasswordlessSnapshot,
  refreshToken: string,
): Snapshot<unknown> {
  const redacted = withoutSecrets(persisted) as unknown as { context: Record<string, unknown> };
  const session = snapshot.context.session;
  if (!session) return redacted as unknown as Snapshot<unknown>;
  const tokens = { accessToken: '', tokenType: session.tokens.tokenType, expiresAt: 0, refreshToken };
  const context = { ...redacted.context, session: { ...session, tokens }, refresh: { at: 0, failures: 0 } };
  return { ...redacted, context } as unknown as Snapshot<unknown>;
}

/**
 * Secrets redacted, and the fields that are nothing but a secret emptied, so that a reload never
 * brings back `[redacted]` as a recovery code or as a token to revoke.
 */
function withoutSecrets(persisted: Snapshot<unknown>): Snapshot<unknown> {
  const redacted = redactSecrets(persisted) as { context?: Record<string, unknown> };
  if (!redacted.context) return redacted as Snapshot<unknown>;
  const device = { ...(redacted.context.device as object), pendingRevocation: null };
  const context = { ...redacted.context, newRecoveryCode: null, device };
  return { ...redacted, context } as unknown as Snapshot<unknown>;
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
        storage.setItem(
          key,
          JSON.stringify({ v: FORMAT_VERSION, chart: CHART_VERSION, snapshot: decision.snapshot }),
        );
      } else if (decision.kind === 'interrupted') {
        storage.setItem(
          key,
          JSON.stringify({ v: FORMAT_VERSION, chart: CHART_VERSION, interrupted: decision.interrupted }),
        );
      } else if (decision.kind === 'clear') {
        storage.removeItem(key);
      }
    } catch {
      // Storage full, disabled (Safari private mode) or unavailable: the flow works without it.
    }
  };
  write();
  // With an error listener: XState reports an actor's error as unhandled if any observer lacks one.
  const subscription = actorRef.subscribe({ next: write, error: write });
  return () => subscription.unsubscribe();
}

export interface StoredFlow {
  snapshot: PasswordlessSnapshot | undefined;
  /** A flow that could not be stored (secrets in memory only) ended with the reload. */
  interrupted?: InterruptedFlow;
  /** Something was stored but cannot be resumed (another chart version, damaged); it was removed. */
  discarded: boolean;
}

/** What `storage` holds under the key; an unusable entry is removed and reported as `discarded`. */
export function readStoredFlow(
  storage: PasswordlessStorage,
  options: Pick<PersistenceOptions, 'key'> = {},
): StoredFlow {
  const key = options.key ?? DEFAULT_KEY;
  let raw: string | null;
  try {
    raw = storage.getItem(key);
  } catch {
    return { snapshot: undefined, discarded: false };
  }
  if (!raw) return { snapshot: undefined, discarded: false };
  try {
    const parsed = JSON.parse(raw) as {
      v?: unknown;
      chart?: unknown;
      snapshot?: { status?: unknown };
      interrupted?: unknown;
    };
    const interrupted = parsed.v === FORMAT_VERSION ? interruptedFlow(parsed.interrupted) : undefined;
    if (interrupted) return { snapshot: undefined, discarded: false, interrupted };
    if (
      parsed.v === FORMAT_VERSION &&
      parsed.chart === CHART_VERSION &&
      parsed.snapshot?.status === 'active'
    ) {
      return { snapshot: parsed.snapshot as unknown as PasswordlessSnapshot, discarded: false };
    }
  } catch {
    // Not JSON: damaged or written by something else; discarded below like any unusable entry.
  }
  try {
    storage.removeItem(key);
  } catch {
    // Storage unavailable: nothing more to do.
  }
  return { snapshot: undefined, discarded: true };
}

const notices: readonly unknown[] = ['flow_interrupted', 'session_ended'] satisfies PasswordlessNotice[];

/** An interrupted-flow record read back from storage (which anyone may have written), or undefined. */
function interruptedFlow(value: unknown): InterruptedFlow | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { notice, identifier, connection, send } = value as Record<string, unknown>;
  const known =
    notices.includes(notice) &&
    typeof identifier === 'string' &&
    identifier.length <= 320 &&
    (connection === 'email' || connection === 'sms') &&
    (send === 'code' || send === 'link');
  return known ? ({ notice, identifier, connection, send } as InterruptedFlow) : undefined;
}

/** The stored snapshot to pass as `createActor(machine, { snapshot })`, or `undefined` when none is usable. */
export function restorePasswordless(
  storage: PasswordlessStorage,
  options: Pick<PersistenceOptions, 'key'> = {},
): PasswordlessSnapshot | undefined {
  return readStoredFlow(storage, options).snapshot;
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
