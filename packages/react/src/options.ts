import {
  createPasswordlessMachine,
  redactInspection,
  type PasswordlessInput,
  type PasswordlessMachine,
  type PasswordlessOptions,
  type PasswordlessStorage,
} from '@passwordless-xstate/core';
import type { ActorOptions } from 'xstate';

export interface PersistOptions {
  /** `sessionStorage`, `localStorage` or your own; read only in the browser, on mount. */
  storage: PasswordlessStorage;
  key?: string;
  /** See core's `persistPasswordless`: needed to resume MFA steps and sessions, at a cost. */
  includeSecrets?: boolean;
}

export interface UsePasswordlessOptions extends PasswordlessOptions {
  /** Restore the flow on mount and save it as it changes. Off by default. */
  persist?: PersistOptions | false;
}

/*
 * WORKAROUND(core): createPasswordlessActor() splits the options into machine input, client options
 * and actor options, but core does not export that split, and @xstate/react's useActorRef needs the
 * logic and the actor options apart to own the StrictMode-safe start/stop. `satisfies` makes any new
 * non-input option in core a compile error here. Drop this once core exports the split.
 */
const notInput = {
  clientSecret: true,
  dangerouslyAllowSecretInBrowser: true,
  fetch: true,
  telemetry: true,
  snapshot: true,
  inspect: true,
  dangerouslyInspectSecrets: true,
} satisfies Record<Exclude<keyof PasswordlessOptions, keyof PasswordlessInput>, true>;

export function toActorArgs(
  options: PasswordlessOptions,
): [PasswordlessMachine, ActorOptions<PasswordlessMachine> & { input: PasswordlessInput }] {
  const { snapshot, inspect, dangerouslyInspectSecrets } = options;
  const input = Object.fromEntries(
    Object.entries(options).filter(([key, value]) => !(key in notInput) && value !== undefined),
  ) as unknown as PasswordlessInput;
  return [
    createPasswordlessMachine(options),
    {
      input,
      ...(snapshot ? { snapshot } : {}),
      ...(inspect ? { inspect: dangerouslyInspectSecrets ? inspect : redactInspection(inspect) } : {}),
    },
  ];
}
