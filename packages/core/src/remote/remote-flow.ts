import { viewAt, type PasswordlessPublicView } from '../machine/public-view.ts';
import type { PasswordlessErrorInfo, PasswordlessEvent } from '../machine/types.ts';
import { replaceEqualDeep } from '../machine/structural-sharing.ts';
import type { PasswordlessView } from '../machine/view.ts';
import { compact } from '../compact.ts';
import { defaultMessage } from '../errors.ts';
import { isTickDue } from './deadlines.ts';
import { loadingView, noActions } from './loading-view.ts';
import { pendingStep } from './pending-step.ts';
import { exchange, timeoutReason, type RemoteAnswer } from './transport.ts';

export interface RemoteFlowOptions {
  /** Where `@passwordless-xstate/server` answers: `/auth/passwordless` on this origin, or an absolute URL. */
  server: string;
  /** Default `globalThis.fetch`. Pass one to add headers, or to keep cookies where there is no browser. */
  fetch?: typeof fetch;
  /** The local clock (default `Date.now`); countdowns run on it plus its measured offset to the server's. */
  now?: () => number;
  /** A request without an answer after this long ends in a `timeout` error. Default 100 s (the server gives up at 90 s). */
  timeoutMs?: number;
}

/** A sign-in that runs on the server: the same view and events as the chart, over HTTP. */
export interface RemoteFlow {
  /**
   * The current view; the same object until something a UI could show has changed, and then its
   * unchanged parts are still the previous objects (as `PasswordlessViewStore`).
   */
  getView(): PasswordlessView;
  /** Called with the new view whenever it changes; returns the unsubscribe function. */
  subscribe(listener: (view: PasswordlessView) => void): () => void;
  /**
   * One request at a time: an event sent while one is in flight is ignored, like a double click;
   * so is one sent before `start()` or after `stop()`.
   */
  send(event: PasswordlessEvent): void;
  /** Asks the server where the flow stands and starts the countdown timer. */
  start(): void;
  /** Stops the timer and drops the request in flight; `start()` picks up again from the server. */
  stop(): void;
}

interface InFlight {
  controller: AbortController;
  timeout: ReturnType<typeof setTimeout>;
  /** The person's event being sent, if any (not a TICK or a load). */
  event?: PasswordlessEvent;
}

// A failed TICK is tried again after this long (or the server's Retry-After), so a push poll or an
// expiry is not lost to one dropped request, and an offline browser does not ask every second.
const TICK_RETRY_SECONDS = 5;
// A flow that another tab or request holds is looked at again after this long (or Retry-After).
const BUSY_RECHECK_SECONDS = 2;

/**
 * The browser side of server mode: it keeps the server's public view and version, posts the
 * person's events, counts down from the view's absolute deadlines on a 1 s timer (with the offset
 * between the server's clock and this one), and asks the server with a `TICK` when a deadline passes.
 * Errors become `view.error`; nothing here throws at the caller.
 */
export function createRemoteFlow(options: RemoteFlowOptions): RemoteFlow {
  const base = options.server.replace(/\/+$/, '');
  // Looked up per call: a test or polyfill may install fetch after the flow was created.
  const fetchFn: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 100_000;
  const listeners = new Set<(view: PasswordlessView) => void>();

  let publicView: PasswordlessPublicView | null = null;
  let version = 0;
  let offset = 0;
  let localError: PasswordlessErrorInfo | null = null;
  let inFlight: InFlight | null = null;
  let started = false;
  let run = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  let tickedView: PasswordlessPublicView | null = null;
  let tickRetryAt = 0;
  /** When to ask the server again where a flow stands that another request was holding (0: no need). */
  let recheckAt = 0;
  let view: PasswordlessView = loadingView;

  function compose(): PasswordlessView {
    const busy = inFlight !== null;
    if (!publicView) {
      // The only way on from a failed first load is to ask again.
      return { ...loadingView, busy, error: localError, can: { ...noActions, retry: !busy && !!localError } };
    }
    const current = viewAt(publicView, now() + offset);
    return {
      ...current,
      step: inFlight?.event ? pendingStep(current, inFlight.event) : current.step,
      busy: busy || current.busy,
      error: localError ?? current.error,
      can: busy ? noActions : current.can,
    };
  }

  function refresh() {
    const next = replaceEqualDeep(view, compose());
    if (next === view) return;
    view = next;
    for (const listener of [...listeners]) listener(view);
  }

  function adopt(answer: RemoteAnswer, tick: boolean) {
    if (answer.ok) {
      publicView = answer.view;
      version = answer.version;
      // Taken at receipt, when the server's clock has moved on a little since `serverNow`: the
      // estimate errs late, so a TICK never reaches the server before its deadline.
      offset = answer.view.serverNow - now();
      localError = null;
      tickedView = null;
      recheckAt = 0;
      if (answer.busy) {
        // Said, not silent: a click now would only be refused again, and the view catches up by itself.
        const retryAfter = answer.busy.retryAfter ?? BUSY_RECHECK_SECONDS;
        localError = { code: 'flow_busy', message: defaultMessage('flow_busy'), retryAfter };
        recheckAt = now() + retryAfter * 1000;
      }
      return;
    }
    localError = answer.error;
    if (tick) {
      tickedView = null;
      tickRetryAt = now() + (answer.error.retryAfter ?? TICK_RETRY_SECONDS) * 1000;
    }
  }

  function request(path: string, body?: unknown, tick = false, event?: PasswordlessEvent) {
    // A sign-out must reach the server even when the person leaves the page right after clicking:
    // its answer is what clears the session cookie.
    const keepalive = path === '/logout';
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(timeoutReason()), timeoutMs);
    const mine: InFlight = compact({ controller, timeout, event });
    inFlight = mine;
    refresh();
    const outgoing = { url: `${base}${path}`, body, signal: controller.signal, keepalive };
    void exchange(fetchFn, outgoing, now).then((answer) => {
      clearTimeout(timeout);
      // Stopped (or restarted) meanwhile: this answer belongs to a run that is over.
      if (inFlight !== mine) return;
      inFlight = null;
      adopt(answer, tick);
      refresh();
    });
  }

  function onTimer() {
    refresh();
    if (!inFlight && recheckAt !== 0 && now() >= recheckAt) {
      recheckAt = 0;
      request('/flow');
      return;
    }
    if (inFlight || !publicView || publicView === tickedView || now() < tickRetryAt) return;
    if (!isTickDue(publicView, now() + offset)) return;
    tickedView = publicView;
    request('/events', { event: { type: 'TICK' }, version }, true);
  }

  function send(event: PasswordlessEvent) {
    if (!started || inFlight) return;
    // The server owns the tokens (it refreshes them) and the magic-link callback route.
    if (event.type === 'REFRESH' || event.type === 'MAGIC_LINK_CALLBACK') return;
    if (!publicView) {
      if (event.type === 'RETRY') request('/flow');
      return;
    }
    if (event.type === 'LOGOUT') return request('/logout', {}, false, event);
    if (publicView.step === 'authenticated') {
      // Signed in, the server keeps a session and no flow: any event would start a new sign-in.
      // The new recovery code was shown once; forgetting it is this browser's business alone.
      if (event.type === 'ACKNOWLEDGE_RECOVERY_CODE') {
        publicView = {
          ...publicView,
          newRecoveryCode: null,
          can: { ...publicView.can, acknowledgeRecoveryCode: false },
        };
        refresh();
      }
      return;
    }
    // The server reads its own clock; a browser's `now` would only be dropped.
    const wire = event.type === 'TICK' ? { type: 'TICK' } : event;
    request('/events', { event: wire, version }, false, event.type === 'TICK' ? undefined : event);
  }

  function start() {
    if (started) return;
    started = true;
    const thisRun = ++run;
    timer = setInterval(onTimer, 1000);
    // Deferred: StrictMode mounts, unmounts and mounts in one go, and then asks the server once.
    queueMicrotask(() => {
      if (started && run === thisRun && !inFlight) request('/flow');
    });
  }

  function stop() {
    if (!started) return;
    started = false;
    clearInterval(timer);
    if (inFlight) {
      clearTimeout(inFlight.timeout);
      inFlight.controller.abort();
      inFlight = null;
    }
    refresh();
  }

  return {
    getView: () => view,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    send,
    start,
    stop,
  };
}
