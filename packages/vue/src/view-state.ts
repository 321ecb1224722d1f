import type { PasswordlessView } from '@passwordless-xstate/core';

/**
 * Writes into reactive `state` only the keys of `view` that changed. Core's view store shares
 * unchanged parts with the previous view, so `!==` is the whole comparison.
 */
export function assignChanged(state: PasswordlessView, view: PasswordlessView): void {
  for (const key of Object.keys(view) as (keyof PasswordlessView)[]) {
    if (state[key] !== view[key]) Object.assign(state, { [key]: view[key] });
  }
}
