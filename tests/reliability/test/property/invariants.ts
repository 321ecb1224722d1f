import {
  createAuth0Client,
  createPasswordlessActions,
  createPasswordlessActors,
  getPasswordlessView,
  passwordlessMachine,
  type PasswordlessActionName,
  type PasswordlessEvent,
  type PasswordlessSnapshot,
} from '@passwordless-xstate/core';
import { createActor, fromCallback, waitFor, type Snapshot } from 'xstate';
import { isSettled, requestsInFlight, type Lane } from '../support/lane.ts';
import { ACTIONS } from './arbitraries.ts';

/** The event each action sends, as `createPasswordlessActions` builds it (guards see a typical one). */
export function eventOf(action: PasswordlessActionName, snapshot: PasswordlessSnapshot): PasswordlessEvent {
  let sent: PasswordlessEvent | undefined;
  const actions = createPasswordlessActions((event) => (sent = event));
  const firstAuthenticator = getPasswordlessView(snapshot).mfa?.authenticators[0]?.id ?? '';
  const call: Record<PasswordlessActionName, () => void> = {
    submitIdentifier: () => actions.submitIdentifier(''),
    submitCode: () => actions.submitCode(''),
    resend: actions.resend,
    changeIdentifier: actions.changeIdentifier,
    handleMagicLinkCallback: () => actions.handleMagicLinkCallback(''),
    selectAuthenticator: () => actions.selectAuthenticator(firstAuthenticator),
    enroll: () => actions.enroll('otp'),
    submitMfaCode: () => actions.submitMfaCode(''),
    useRecoveryCode: actions.useRecoveryCode,
    submitRecoveryCode: () => actions.submitRecoveryCode(''),
    retry: actions.retry,
    back: actions.back,
    cancel: actions.cancel,
    logout: actions.logout,
    refresh: actions.refresh,
    acknowledgeRecoveryCode: actions.acknowledgeRecoveryCode,
  };
  call[action]();
  if (!sent) throw new Error(`${action} sent nothing`);
  return sent;
}

/** Actions where the view and the chart disagree: `view.can` must be exactly `snapshot.can`. */
export function canMismatches(snapshot: PasswordlessSnapshot): string[] {
  const view = getPasswordlessView(snapshot);
  return ACTIONS.filter((action) => view.can[action] !== snapshot.can(eventOf(action, snapshot))).map(
    (action) => `${action}: view ${view.can[action]}, chart ${!view.can[action]}`,
  );
}

/**
 * Requests the person set off that run at once. The identify step's retry of a failed revocation
 * runs in the background and is counted apart (`background`), as is its no-op when nothing is pending.
 */
export function inFlight(snapshot: PasswordlessSnapshot): { foreground: number; background: number } {
  const running = requestsInFlight(snapshot);
  const background = snapshot.matches('identify')
    ? running.filter((src) => src === 'revokeSession').length
    : 0;
  const pending = snapshot.context.device.pendingRevocation !== null;
  return { foreground: running.length - background, background: pending ? background : 0 };
}

/** A JSON text of anything, cycles and the chart's definitions left out: what a log or devtools would keep. */
export function serialise(value: unknown): string {
  const seen = new WeakSet<object>();
  const skipped = new Set(['actorRef', 'sourceRef', '_transitions', 'machine', '_parent', 'system', 'logic']);
  return JSON.stringify(value, (key, entry: unknown) => {
    if (skipped.has(key) || typeof entry === 'function') return undefined;
    if (typeof entry === 'object' && entry !== null) {
      if (seen.has(entry)) return '[cycle]';
      seen.add(entry);
    }
    return entry;
  });
}

/** Secrets found in `text`: long ones anywhere, short codes as JSON strings (digits are everywhere). */
export function leaks(text: string, secrets: Iterable<string>): string[] {
  return [...secrets].filter((secret) =>
    secret.length >= 12 ? text.includes(secret) : text.includes(JSON.stringify(secret)),
  );
}

const ESCAPES: PasswordlessActionName[] = ['cancel', 'changeIdentifier', 'logout', 'back', 'retry'];

/**
 * Whether the person can get back to the identify step from `persisted`, even with Auth0 unreachable:
 * a copy of the flow, whose every request fails at once, is walked through the escape actions the
 * view offers. Answers the path taken, or `null` when it got stuck.
 */
export function createEscapeCheck(lane: Lane, clientId: string) {
  const offline = createAuth0Client({
    baseUrl: lane.baseUrl,
    clientId,
    now: lane.clock.now,
    fetch: () => Promise.reject(new TypeError('offline')),
  });
  const machine = passwordlessMachine.provide({
    actors: { ...createPasswordlessActors(() => offline, lane.clock.now), ticker: fromCallback(() => {}) },
  });
  return async (persisted: Snapshot<unknown>): Promise<string[] | null> => {
    const copy = createActor(machine, {
      snapshot: persisted,
      input: { clientId, baseUrl: lane.baseUrl },
    });
    copy.subscribe({ error: () => {} });
    copy.start();
    const path: string[] = [];
    try {
      for (let step = 0; step < 8; step++) {
        const current = await waitFor(copy, isSettled, { timeout: 30_000 });
        if (current.status !== 'active') return null;
        if (current.matches('identify')) return path;
        const view = getPasswordlessView(current);
        const escape = ESCAPES.find((action) => view.can[action]);
        if (!escape) return null;
        path.push(escape);
        copy.send(eventOf(escape, current));
      }
      return null;
    } finally {
      copy.stop();
    }
  };
}
