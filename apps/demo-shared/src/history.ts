import type { PasswordlessStep, PasswordlessView } from '@passwordless-xstate/core';

/** What the history needs of a flow: the view's step and `can`, and three of its actions. */
export interface HistoryFlow {
  step: PasswordlessStep;
  can: Pick<PasswordlessView['can'], 'changeIdentifier' | 'back' | 'cancel'>;
  changeIdentifier(): void;
  back(): void;
  cancel(): void;
}

export interface FlowHistoryOptions {
  /**
   * Asked when Back would leave an MFA step for the start (the first code is spent, so there is
   * no way back to it); `false` keeps the person where they are. Default: `window.confirm`.
   */
  confirmLeave?: () => boolean;
}

/**
 * The history entries above the app's own: `code` (Back returns to the identify step), `mfa`
 * (Back cancels the sign-in, after asking), `challenge` (a factor picked from the list: Back
 * returns to the list).
 */
type Entry = 'code' | 'mfa' | 'challenge';
const KEY = 'passwordlessFlow';

type Group = 'start' | 'code' | 'mfa' | 'challenge';
const GROUP: Record<PasswordlessStep, Group> = {
  identify: 'start',
  sending: 'start',
  authenticated: 'start',
  signing_out: 'start',
  code: 'code',
  verifying: 'code',
  link_sent: 'code',
  mfa_loading: 'mfa',
  mfa_choose: 'mfa',
  mfa_enroll: 'mfa',
  mfa_failed: 'mfa',
  mfa_otp: 'challenge',
  mfa_oob: 'challenge',
  mfa_push: 'challenge',
  mfa_recovery: 'challenge',
};
// Steps that pass by on their own: they say nothing about where the person came from.
const PASSING = new Set<PasswordlessStep>(['sending', 'verifying', 'mfa_loading', 'signing_out']);

const entriesIn = (state: unknown): Entry[] => {
  const value = (state as Record<string, unknown> | null)?.[KEY];
  return Array.isArray(value) ? (value as Entry[]) : [];
};

/**
 * The browser's Back and Forward buttons inside the flow: the steps a person can go back to
 * (code → identify, a chosen MFA factor → the list of factors) get a history entry each, and Back
 * from any other MFA step asks before it cancels the sign-in. Framework-free: an adapter calls
 * `update()` when the view's step changes and `stop()` when it unmounts.
 */
export function createFlowHistory(flow: () => HistoryFlow, options: FlowHistoryOptions = {}) {
  const confirmLeave =
    options.confirmLeave ??
    (() => window.confirm('Leave this sign-in? You will need a new code to start again.'));
  // The entries the browser holds now (a reload keeps them in history.state).
  let held = entriesIn(window.history.state);
  let lastGroup: Group = held.at(-1) === 'challenge' ? 'challenge' : 'start';
  let fromList = lastGroup === 'challenge';
  /*
   * How many of `held` share the entry this page was loaded into (`null` before the first look).
   * A page loaded into the middle of the flow (a magic link's callback, a flow restored in a new
   * tab) never passed through the steps before it: they get no entries, and Back never goes below.
   */
  let floor: number | null = null;
  // Where a `history.go()` of ours is taking the browser (its popstate is ours, not the person's).
  let travelTo: Entry[] | null = null;

  const write = (entries: Entry[], push: boolean) => {
    const state = { ...(window.history.state as object | null), [KEY]: entries };
    if (push) window.history.pushState(state, '');
    else window.history.replaceState(state, '');
  };

  const wanted = (): Entry[] => {
    const { step } = flow();
    const group = GROUP[step];
    if (group === 'challenge' && lastGroup !== 'challenge') fromList = lastGroup === 'mfa';
    if (!PASSING.has(step)) lastGroup = group;
    if (group === 'code') return ['code'];
    if (group === 'mfa') return ['mfa'];
    if (group === 'challenge') return fromList ? ['mfa', 'challenge'] : ['mfa'];
    return [];
  };

  /** Brings the browser's entries in line with the step: fewer by going back, more by pushing. */
  const reconcile = () => {
    if (travelTo) return;
    const target = wanted();
    if (floor === null) {
      floor = held.length === 0 ? target.length : 0;
      if (floor > 0) {
        write(target, false);
        held = target;
      }
    }
    const reachable = Math.max(target.length, floor);
    if (held.length > reachable) {
      travelTo = held.slice(0, reachable);
      window.history.go(reachable - held.length);
      return;
    }
    if (held.length > target.length) {
      // On the entry the page was loaded into: it only changes its label.
      write(target, false);
      held = target;
      floor = target.length;
      return;
    }
    for (let index = 0; index < target.length; index++) {
      if (held[index] === target[index]) continue;
      const entries = target.slice(0, index + 1);
      write(entries, index >= held.length);
      held = entries;
    }
    held = target;
  };

  const onPopState = (event: PopStateEvent) => {
    const arrived = entriesIn(event.state);
    if (travelTo) {
      held = travelTo;
      travelTo = null;
      reconcile();
      return;
    }
    const left = held[held.length - 1];
    if (arrived.length >= held.length || !left) {
      // Forward, into entries of a flow that has moved on: back to where the flow is.
      held = arrived;
      reconcile();
      return;
    }
    const current = flow();
    const go = (allowed: boolean, act: () => void) => {
      held = arrived;
      if (allowed) act();
      else reconcile();
    };
    if (left === 'code') go(current.can.changeIdentifier, current.changeIdentifier);
    else if (left === 'challenge') go(current.can.back, current.back);
    else go(current.can.cancel && confirmLeave(), current.cancel);
  };

  window.addEventListener('popstate', onPopState);
  return {
    /** Call when the view's step changes (and once at the start). */
    update: reconcile,
    stop: () => window.removeEventListener('popstate', onPopState),
  };
}

export type FlowHistory = ReturnType<typeof createFlowHistory>;
