import { assign } from 'xstate';
import { isPasswordlessError } from '../../errors.ts';
import type { PasswordlessContext, PasswordlessEvent } from '../types.ts';

/** What the chart's actions and guards read: its context and the event being handled. */
export interface ChartArgs {
  context: PasswordlessContext;
  event: PasswordlessEvent;
}

/** `assign` typed for this chart, so actions can live outside `setup()` and keep their params typed. */
export function update<TParams = undefined>(
  assigner: (args: ChartArgs, params: TParams) => Partial<PasswordlessContext>,
) {
  return assign<PasswordlessContext, PasswordlessEvent, TParams, PasswordlessEvent, never>(assigner);
}

/** The error of an `xstate.error.actor.*` event; setup's action types only know the chart's own events. */
export const errorOf = (event: unknown): unknown => (event as { error?: unknown }).error;

/** Seconds a 429 asked us to wait (`Retry-After`), or 0. */
export const retryAfterOf = (error: unknown): number =>
  isPasswordlessError(error) && error.retryAfter !== undefined ? error.retryAfter : 0;

export const mfaOf = (context: PasswordlessContext) => {
  if (!context.mfa) throw new Error('passwordlessMachine: no MFA transaction in this state');
  return context.mfa;
};
