import { createActor, type ActorOptions, type ActorRefFrom, type Snapshot } from 'xstate';
import { createAuth0Client, type Auth0Client } from '../api/client.ts';
import type { Auth0ClientOptions } from '../api/options.ts';
import { redactInspection, type Inspector } from '../privacy/inspect.ts';
import {
  persistPasswordless,
  restorePasswordless,
  type PasswordlessStorage,
  type PersistenceOptions,
} from '../privacy/persistence.ts';
import { createPasswordlessActors } from './actors.ts';
import { passwordlessMachine, type PasswordlessMachine } from './machine.ts';
import type { PasswordlessInput } from './types.ts';

export type PasswordlessActorRef = ActorRefFrom<PasswordlessMachine>;

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
    ...input
  } = options;
  return {
    input: Object.fromEntries(
      Object.entries(input).filter(([, value]) => value !== undefined),
    ) as PasswordlessInput,
    client: { clientSecret, dangerouslyAllowSecretInBrowser, fetch, telemetry },
    snapshot: snapshot ?? (persist ? restorePasswordless(persist.storage, persist) : undefined),
    inspect,
    dangerouslyInspectSecrets,
    persist: persist || undefined,
  };
}

function clientFrom(input: PasswordlessInput, extra: PasswordlessClientOptions): Auth0Client {
  const defined = Object.fromEntries(Object.entries(extra).filter(([, value]) => value !== undefined));
  return createAuth0Client({
    clientId: input.clientId,
    ...(input.domain ? { domain: input.domain } : {}),
    ...(input.baseUrl ? { baseUrl: input.baseUrl } : {}),
    ...(input.audience ? { audience: input.audience } : {}),
    ...(input.scope ? { scope: input.scope } : {}),
    ...(input.requestTimeoutMs ? { timeoutMs: input.requestTimeoutMs } : {}),
    ...defined,
  });
}

/**
 * The chart bound to one Auth0 client. Use it for confidential (server-side) apps, a custom `fetch`
 * or telemetry: the secret stays in the client, never in the chart's context.
 */
export function createPasswordlessMachine(options: PasswordlessOptions): PasswordlessMachine {
  const { input, client } = splitOptions(options);
  const auth0 = clientFrom(input, client);
  return passwordlessMachine.provide({ actors: createPasswordlessActors(() => auth0) });
}

export interface PasswordlessActorArgs {
  logic: PasswordlessMachine;
  actorOptions: ActorOptions<PasswordlessMachine> & { input: PasswordlessInput };
  /** Pass to `persistPasswordless(actorRef, persist.storage, persist)` once the actor exists. */
  persist?: PasswordlessPersistOptions;
}

/**
 * The machine and the actor options for `options`, apart: for adapters whose framework creates and
 * starts the actor itself (`@xstate/react`'s `useActorRef`, `@xstate/vue`'s `useActorRef`).
 * Inspection is redacted here unless `dangerouslyInspectSecrets` is set.
 */
export function passwordlessActorArgs(options: PasswordlessOptions): PasswordlessActorArgs {
  const { input, snapshot, inspect, dangerouslyInspectSecrets, persist } = splitOptions(options);
  return {
    ...(persist ? { persist } : {}),
    logic: createPasswordlessMachine(options),
    actorOptions: {
      input,
      ...(snapshot ? { snapshot } : {}),
      ...(inspect ? { inspect: dangerouslyInspectSecrets ? inspect : redactInspection(inspect) } : {}),
    },
  };
}

/** Machine, input, inspection and restore in one call; start it with `.start()`. */
export function createPasswordlessActor(options: PasswordlessOptions) {
  const { logic, actorOptions, persist } = passwordlessActorArgs(options);
  const actor = createActor(logic, actorOptions);
  if (persist) persistPasswordless(actor, persist.storage, persist);
  return actor;
}
