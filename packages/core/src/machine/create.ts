import { createActor, type ActorRefFrom, type Snapshot } from 'xstate';
import { createAuth0Client, type Auth0Client } from '../api/client.ts';
import type { Auth0ClientOptions } from '../api/options.ts';
import { redactInspection, type Inspector } from '../privacy/inspect.ts';
import { createPasswordlessActors } from './actors.ts';
import { passwordlessMachine, type PasswordlessMachine } from './machine.ts';
import type { PasswordlessInput } from './types.ts';

export type PasswordlessActorRef = ActorRefFrom<PasswordlessMachine>;

/** Options of the client that never enter the chart's (persisted, inspected) context. */
export type PasswordlessClientOptions = Pick<
  Auth0ClientOptions,
  'clientSecret' | 'dangerouslyAllowSecretInBrowser' | 'fetch' | 'telemetry'
>;

export interface PasswordlessOptions extends PasswordlessInput, PasswordlessClientOptions {
  /** Resume from `restorePasswordless()` (or your own store). */
  snapshot?: Snapshot<unknown>;
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
    ...input
  } = options;
  return {
    input: input satisfies PasswordlessInput,
    client: { clientSecret, dangerouslyAllowSecretInBrowser, fetch, telemetry },
    snapshot,
    inspect,
    dangerouslyInspectSecrets,
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

/** Machine, input, inspection and restore in one call; start it with `.start()`. */
export function createPasswordlessActor(options: PasswordlessOptions) {
  const { input, snapshot, inspect, dangerouslyInspectSecrets } = splitOptions(options);
  return createActor(createPasswordlessMachine(options), {
    input,
    ...(snapshot ? { snapshot } : {}),
    ...(inspect ? { inspect: dangerouslyInspectSecrets ? inspect : redactInspection(inspect) } : {}),
  });
}
