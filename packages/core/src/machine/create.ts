import { createActor, type ActorOptions, type Snapshot } from 'xstate';
import { createAuth0Client, preloadAuth0Calls, type Auth0Client } from '../api/client.ts';
import type { Auth0ClientOptions } from '../api/options.ts';
import { redactInspection, type Inspector } from '../privacy/inspect.ts';
import {
  persistPasswordless,
  readStoredFlow,
  type StoredFlow,
  type PasswordlessStorage,
  type PersistenceOptions,
} from './persistence.ts';
import { checkRestorable } from './restore.ts';
import { checkPasswordlessSettings } from './settings.ts';
import { createPasswordlessActors } from './actors.ts';
import { clientOptionsFrom } from './default-client.ts';
import { compact } from '../compact.ts';
import { passwordlessMachine, type PasswordlessMachine } from './machine.ts';
import type { InterruptedFlow, PasswordlessInput } from './types.ts';

/** Options of the client that never enter the chart's (persisted, inspected) context. */
export type PasswordlessClientOptions = Pick<
  Auth0ClientOptions,
  'clientSecret' | 'dangerouslyAllowSecretInBrowser' | 'fetch' | 'telemetry'
>;

export interface PasswordlessPersistOptions extends PersistenceOptions {
  /** `sessionStorage`, `localStorage` or your own; read when the actor is created, never at import. */
  storage: PasswordlessStorage;
}

export interface PasswordlessOptions extends PasswordlessInput, PasswordlessClientOptions {
  /** Resume from `restorePasswordless()` (or your own store). */
  snapshot?: Snapshot<unknown>;
  /** Restore the flow from `storage` when created, and save each waiting state to it. Off by default. */
  persist?: PasswordlessPersistOptions | false;
  /** Any XState inspector; it sees redacted events only. */
  inspect?: Inspector;
  /** Debugging only: give `inspect` the raw events, secrets included. */
  dangerouslyInspectSecrets?: boolean;
  /**
   * Called if the flow's actor stops on an unexpected error: a bug, never a failed request (those
   * are `view.error`). Default: `console.error` with the error's name and message only. Either way
   * the error never reaches `uncaughtException` / `unhandledrejection`.
   */
  onError?: (error: unknown) => void;
}

/** Name and message only: an error thrown inside the chart may carry its input, secrets included. */
function reportInternalError(error: unknown): void {
  const summary = error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
  console.error(`[passwordless-xstate] The sign-in flow stopped on an internal error (${summary}).`);
}

function splitOptions(options: PasswordlessOptions) {
  const {
    clientSecret,
    dangerouslyAllowSecretInBrowser,
    fetch,
    telemetry,
    snapshot,
    inspect,
    dangerouslyInspectSecrets,
    persist,
    onError,
    ...input
  } = options;
  return {
    input: Object.fromEntries(
      Object.entries(input).filter(([, value]) => value !== undefined),
    ) as PasswordlessInput,
    client: { clientSecret, dangerouslyAllowSecretInBrowser, fetch, telemetry },
    snapshot,
    inspect,
    dangerouslyInspectSecrets,
    persist: persist || undefined,
    onError: onError ?? reportInternalError,
  };
}

function clientFrom(input: PasswordlessInput, extra: PasswordlessClientOptions): Auth0Client {
  return createAuth0Client({ ...clientOptionsFrom(input), ...compact(extra) });
}

/** The chart whose actors call `auth0`. */
const machineFor = (auth0: Auth0Client): PasswordlessMachine =>
  passwordlessMachine.provide({ actors: createPasswordlessActors(() => auth0) });

/**
 * The chart bound to one Auth0 client. Use it for confidential (server-side) apps, a custom `fetch`
 * or telemetry: the secret stays in the client, never in the chart's context. Create it once and
 * start many actors from it: `.provide()` rebuilds the whole chart.
 */
export function createPasswordlessMachine(options: PasswordlessOptions): PasswordlessMachine {
  const { input, client } = splitOptions(options);
  return machineFor(clientFrom(input, client));
}

/**
 * The chart for one actor's options. Without client options the shared chart serves, since its
 * default client is built from the actor's own config (no per-actor rebuild: ~1 ms and ~90 kB).
 */
function logicFor(input: PasswordlessInput, client: PasswordlessClientOptions): PasswordlessMachine {
  const needsOwnClient = Object.values(client).some((value) => value !== undefined);
  return needsOwnClient ? machineFor(clientFrom(input, client)) : passwordlessMachine;
}

/**
 * The snapshot to resume: the one passed, else the stored one; either is checked against this chart
 * first, so one from another version starts the flow over (`discarded`) instead of in `error`.
 */
function resumableSnapshot(
  given: Snapshot<unknown> | undefined,
  persist: PasswordlessPersistOptions | undefined,
): { snapshot: Snapshot<unknown> | undefined; discarded: boolean; interrupted?: InterruptedFlow } {
  const stored: Omit<StoredFlow, 'snapshot'> & { snapshot: Snapshot<unknown> | undefined } = given
    ? { snapshot: given, discarded: false }
    : persist
      ? readStoredFlow(persist.storage, persist)
      : { snapshot: undefined, discarded: false };
  if (stored.snapshot === undefined || checkRestorable(passwordlessMachine, stored.snapshot).ok)
    return stored;
  return { snapshot: undefined, discarded: true };
}

export interface PasswordlessActorArgs {
  logic: PasswordlessMachine;
  actorOptions: ActorOptions<PasswordlessMachine> & { input: PasswordlessInput };
  /** Pass to `persistPasswordless(actorRef, persist.storage, persist)` once the actor exists. */
  persist?: PasswordlessPersistOptions;
  /** Subscribe it before the actor starts (`useActorRef`'s third argument), so no error goes unhandled. */
  observer: { error: (error: unknown) => void };
}

/**
 * The machine and the actor options for `options`, apart: for adapters whose framework creates and
 * starts the actor itself (`@xstate/react`'s `useActorRef`, `@xstate/vue`'s `useActorRef`).
 * Inspection is redacted here unless `dangerouslyInspectSecrets` is set. The Auth0 calls start
 * loading here too, while the person types, so that the first request does not wait for them.
 */
export function passwordlessActorArgs(options: PasswordlessOptions): PasswordlessActorArgs {
  preloadAuth0Calls();
  const { input, client, inspect, dangerouslyInspectSecrets, persist, onError, ...rest } =
    splitOptions(options);
  // Here as well as in the chart: thrown to the caller, not turned into a stopped actor.
  checkPasswordlessSettings(input, 'passwordlessMachine');
  const { snapshot, discarded, interrupted } = resumableSnapshot(rest.snapshot, persist);
  return {
    ...compact({ persist }),
    logic: logicFor(input, client),
    observer: { error: onError },
    actorOptions: {
      input: { ...input, ...compact({ discardedSnapshot: discarded || undefined, interrupted }) },
      ...compact({
        snapshot,
        inspect: inspect && (dangerouslyInspectSecrets ? inspect : redactInspection(inspect)),
      }),
    },
  };
}

/** Machine, input, inspection and restore in one call; start it with `.start()`. */
export function createPasswordlessActor(options: PasswordlessOptions) {
  const { logic, actorOptions, persist, observer } = passwordlessActorArgs(options);
  const actor = createActor(logic, actorOptions);
  actor.subscribe(observer);
  if (persist) persistPasswordless(actor, persist.storage, persist);
  return actor;
}
