import {
  createPasswordlessActions,
  createViewStore,
  passwordlessActorArgs,
  persistPasswordless,
  type PasswordlessActions,
  type PasswordlessActorRef,
  type PasswordlessOptions,
  type PasswordlessView,
} from '@passwordless-xstate/core';
import { createActor } from 'xstate';
import { markRaw, onScopeDispose, shallowReactive, shallowReadonly } from 'vue';
import { startWhenMounted } from './mounted.ts';
import {
  createServerFlow,
  type UsePasswordlessServerOptions,
  type UsePasswordlessServerResult,
} from './server-flow.ts';
import { assignChanged } from './view-state.ts';

/** Core's options; `persist` restores the flow when it is created and saves it as it changes. */
export type UsePasswordlessOptions = PasswordlessOptions;

/** Reactive per key: a template that reads `step` does not re-render on every countdown tick. */
export type UsePasswordlessResult = Readonly<
  PasswordlessView & PasswordlessActions & { actorRef: PasswordlessActorRef }
>;

/** What a provider shares in either mode; `actorRef` only when the chart runs in the browser. */
export type PasswordlessFlowState = Readonly<
  PasswordlessView & PasswordlessActions & { actorRef: PasswordlessActorRef | undefined }
>;

/** What a provider shares: the flow, and how a consumer starts it once it is mounted. */
export interface PasswordlessFlow<Result extends PasswordlessFlowState = PasswordlessFlowState> {
  result: Result;
  start: () => void;
}

/** A flow for either mode: `{ server }` runs it on `@passwordless-xstate/server`. */
export const flowFor = (options: UsePasswordlessOptions | UsePasswordlessServerOptions): PasswordlessFlow =>
  'server' in options ? createServerFlow(options) : createFlow(options);

/**
 * One actor owned by the current effect scope (a component, `effectScope()` or the plugin's app):
 * it stops when that scope is disposed. Options are read once.
 */
export function createFlow(options: UsePasswordlessOptions): PasswordlessFlow<UsePasswordlessResult> {
  const { logic, actorOptions, persist, observer } = passwordlessActorArgs(options);
  const actorRef = createActor(logic, actorOptions);
  // Before start, so an internal error is reported through `onError` and never goes unhandled.
  const reporting = actorRef.subscribe(observer);

  const store = createViewStore(actorRef);
  const state = shallowReactive({
    ...store.getView(),
    ...createPasswordlessActions(actorRef.send),
    actorRef: markRaw(actorRef),
  });
  // The store reports a failed actor too: its view says the flow stopped.
  const unsubscribe = store.subscribe((view) => assignChanged(state, view));

  let stopPersisting: (() => void) | undefined;
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    if (persist) stopPersisting = persistPasswordless(actorRef, persist.storage, persist);
    actorRef.start();
  };
  onScopeDispose(() => {
    // Stopped first: a stopped actor emits no snapshot, so the store keeps the last waiting state.
    actorRef.stop();
    stopPersisting?.();
    unsubscribe();
    reporting.unsubscribe();
  });
  return { result: shallowReadonly(state), start };
}

/**
 * The whole flow in one component (or any effect scope): the view as reactive, read-only state,
 * the typed actions and the `actorRef`. Outside a component it starts at once. With
 * `{ server: '/auth/passwordless' }` it runs on `@passwordless-xstate/server` (a Regular Web
 * Application): the same view and actions, no `actorRef`.
 */
export function usePasswordless(options: UsePasswordlessServerOptions): UsePasswordlessServerResult;
export function usePasswordless(options: UsePasswordlessOptions): UsePasswordlessResult;
export function usePasswordless(
  options: UsePasswordlessOptions | UsePasswordlessServerOptions,
): UsePasswordlessResult | UsePasswordlessServerResult;
export function usePasswordless(
  options: UsePasswordlessOptions | UsePasswordlessServerOptions,
): UsePasswordlessResult | UsePasswordlessServerResult {
  const { result, start } = flowFor(options);
  startWhenMounted(start);
  return result as UsePasswordlessResult | UsePasswordlessServerResult;
}
