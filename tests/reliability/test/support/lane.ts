import {
  createAuth0Client,
  createPasswordlessActors,
  getPasswordlessView,
  passwordlessActorArgs,
  persistPasswordless,
  type Auth0Client,
  type PasswordlessActorRef,
  type PasswordlessEvent,
  type PasswordlessOptions,
  type PasswordlessSnapshot,
  type PasswordlessView,
} from '@passwordless-xstate/core';
import {
  createManualClock,
  startEmulator,
  type AdjustableClock,
  type EmulatorConfigInput,
  type RunningEmulator,
} from '@passwordless-xstate/emulator';
import { createActor, fromCallback, waitFor } from 'xstate';
import { startFaultProxy, type FaultProxy } from './fault-proxy.ts';

export const CLIENT_SECRET = 'pwl-web-secret-for-local-development-only';

/** Generous: a loaded machine must slow a test down, never fail it. */
export const PATIENT_TIMEOUT_MS = 20_000;
/**
 * The client's timeout while a hang is armed, so a hang cell costs this, not a real request timeout.
 * Requests that set off the faulted one (the code exchange before an MFA listing) use it too, so it
 * stays long enough for a busy machine to answer those.
 */
export const HANG_TIMEOUT_MS = Number(process.env.RELIABILITY_HANG_MS ?? 1000);
const SETTLE_WITHIN_MS = 60_000;

/** One emulator behind one fault proxy, on one clock that the chart, its client and the emulator share. */
export interface Lane {
  emulator: RunningEmulator;
  proxy: FaultProxy;
  clock: AdjustableClock;
  /** The proxy's URL with the trailing slash: the issuer the emulator signs for. */
  baseUrl: string;
  close(): Promise<void>;
}

export async function startLane(config: EmulatorConfigInput = {}): Promise<Lane> {
  const proxy = await startFaultProxy();
  const clock = createManualClock(Date.now());
  // The issuer is the proxy, so ID tokens validate and the JWKS is fetched through it too.
  const emulator = await startEmulator({
    port: 0,
    log: false,
    clock,
    config: { issuer: proxy.url, ...config },
  });
  proxy.target = emulator.url;
  return {
    emulator,
    proxy,
    clock,
    baseUrl: `${proxy.url}/`,
    close: async () => {
      await proxy.close();
      await emulator.close();
    },
  };
}

export type FlowActor = PasswordlessActorRef;

export interface Flow {
  actor: FlowActor;
  view(): PasswordlessView;
  snapshot(): PasswordlessSnapshot;
  send(event: PasswordlessEvent): void;
  /** Resolves once nothing is in flight: no busy state and no request actor running. */
  settle(): Promise<PasswordlessSnapshot>;
  /** Moves the shared clock, tells the chart, and settles. */
  tick(seconds: number): Promise<PasswordlessSnapshot>;
  stop(): void;
  /** Codes of the errors the chart's request actors failed with, in order (read from inspection). */
  readonly actorErrors: string[];
}

/**
 * The chart's actors that never call Auth0: its clock and the magic-link sharing between tabs. Every
 * other actor of `createPasswordlessActors` is a request; one added later counts as one by itself.
 */
const NOT_REQUESTS = new Set(['ticker', 'linkUseWatcher', 'findSharedLink']);

/** The request actors running now (every one of them is an HTTP request in flight, or about to be). */
export const requestsInFlight = (snapshot: PasswordlessSnapshot) =>
  Object.values(snapshot.children)
    .filter((child) => child?.getSnapshot().status === 'active')
    .map((child) => (child as { src?: unknown }).src)
    .filter((src): src is string => typeof src === 'string' && !NOT_REQUESTS.has(src));

export const isSettled = (snapshot: PasswordlessSnapshot) =>
  snapshot.status !== 'active' || (!snapshot.hasTag('busy') && requestsInFlight(snapshot).length === 0);

export type FlowOptions = Omit<PasswordlessOptions, 'baseUrl' | 'fetch'>;

/**
 * The public chart with its public actors (`createPasswordlessActors`) on the lane's clock, created
 * through `passwordlessActorArgs`, so `persist` and `inspect` behave exactly as in
 * `createPasswordlessActor`. The ticker is swapped for explicit `TICK`s: time moves only when the test
 * says, which keeps a seeded run reproducible. Two clients share the work: a patient one, and one with
 * a short timeout that serves while the proxy holds a hang.
 */
export function startFlow(lane: Lane, options: FlowOptions = { clientId: 'pwl-native' }): Flow {
  const clientOptions = {
    baseUrl: lane.baseUrl,
    clientId: options.clientId,
    now: lane.clock.now,
    ...(options.clientSecret ? { clientSecret: options.clientSecret } : {}),
  };
  const patient = createAuth0Client({ ...clientOptions, timeoutMs: PATIENT_TIMEOUT_MS });
  const impatient = createAuth0Client({ ...clientOptions, timeoutMs: HANG_TIMEOUT_MS });
  const clientFor = (): Auth0Client => (lane.proxy.armed === 'hang' ? impatient : patient);
  const { logic, actorOptions, persist, observer } = passwordlessActorArgs({
    ...options,
    baseUrl: lane.baseUrl,
  });
  const machine = logic.provide({
    actors: { ...createPasswordlessActors(clientFor, lane.clock.now), ticker: fromCallback(() => {}) },
  });
  // The chart's own fallback timer stays far behind the client's, as in production.
  const actorErrors: string[] = [];
  const given = actorOptions.inspect;
  const actor = createActor(machine, {
    ...actorOptions,
    input: { requestTimeoutMs: PATIENT_TIMEOUT_MS, ...actorOptions.input },
    // Raw, for the test only: what a request actor failed with, even where the chart shows no error.
    inspect: (event) => {
      const failure = event.type === '@xstate.event' ? actorErrorCode(event.event) : undefined;
      if (failure) actorErrors.push(failure);
      if (typeof given === 'function') given(event);
      else given?.next?.(event);
    },
  });
  actor.subscribe(observer);
  if (persist) persistPasswordless(actor, persist.storage, persist);
  actor.start();
  actor.send({ type: 'TICK', now: lane.clock.now() });
  const settle = () => waitFor(actor, isSettled, { timeout: SETTLE_WITHIN_MS });
  return {
    actor,
    snapshot: () => actor.getSnapshot(),
    view: () => getPasswordlessView(actor.getSnapshot()),
    send: (event) => actor.send(event),
    settle,
    tick: async (seconds) => {
      lane.clock.advance(seconds * 1000);
      actor.send({ type: 'TICK', now: lane.clock.now() });
      return settle();
    },
    stop: () => actor.stop(),
    actorErrors,
  };
}

function actorErrorCode(event: { type: string; error?: unknown }): string | undefined {
  if (!event.type.startsWith('xstate.error.actor.')) return undefined;
  const code = (event.error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : 'not a PasswordlessError';
}

/** The newest code sent to `to` (passwordless or MFA binding code), read from the emulator directly. */
export function codeFor(lane: Lane, to: string): string {
  const code = lane.emulator.latestCode(to);
  if (!code) throw new Error(`No code in the outbox for ${to}`);
  return code;
}

/** Follows the newest magic link to `to` and answers the URL it lands on (what the app's callback gets). */
export async function followMagicLink(lane: Lane, to: string): Promise<string> {
  const link = lane.emulator.outbox(to).findLast((message) => message.link)?.link;
  if (!link) throw new Error(`No magic link in the outbox for ${to}`);
  const answer = await fetch(link, { redirect: 'manual' });
  const location = answer.headers.get('location');
  if (!location) throw new Error(`The magic link answered ${answer.status} without a redirect`);
  return location;
}

/** Approves the newest push notification to `to`. */
export async function approvePush(lane: Lane, to: string): Promise<void> {
  const message = lane.emulator.outbox(to).findLast((entry) => entry.push);
  if (!message) throw new Error(`No push notification for ${to}`);
  const answer = await fetch(`${lane.emulator.url}/__dev/push/${message.id}/approve`, { method: 'POST' });
  if (!answer.ok) throw new Error(`Approving the push answered ${answer.status}`);
}
