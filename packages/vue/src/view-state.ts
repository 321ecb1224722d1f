import { isEqualView, type PasswordlessView } from '@passwordless-xstate/core';

/**
 * Writes into reactive `state` only the keys of `view` that changed: fresh but equal objects
 * (`can`, `mfa`, …) would otherwise wake every reader on each tick.
 */
export function assignChanged(state: PasswordlessView, view: PasswordlessView): void {
  for (const key of Object.keys(view) as (keyof PasswordlessView)[]) {
    if (!isEqualView(state[key], view[key])) Object.assign(state, { [key]: view[key] });
  }
}
