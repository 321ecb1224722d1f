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
import { useActorRef } from '@xstate/react';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import {
  useRemoteFlow,
  useRemoteFlowState,
  type UsePasswordlessServerOptions,
  type UsePasswordlessServerResult,
} from './use-remote-flow.ts';

/** Core's options; `persist` restores the flow on mount and saves it as it changes. */
export type UsePasswordlessOptions = PasswordlessOptions;

export type UsePasswordlessResult = PasswordlessView &
  PasswordlessActions & { actorRef: PasswordlessActorRef };

/**
 * One actor per mount: options are read once, like useActorRef's. It starts in an effect, so a
 * server render never runs it, and nothing is sent until the person acts (StrictMode sends no code).
 */
export function usePasswordlessActor(options: UsePasswordlessOptions): PasswordlessActorRef {
  const [{ logic, actorOptions, persist, observer }] = useState(() => passwordlessActorArgs(options));
  // The observer is subscribed before the actor starts, so an internal error never goes unhandled.
  const actorRef = useActorRef(logic, actorOptions, observer);
  const { storage, key, includeSecrets } = persist ?? {};
  // Declared after useActorRef: on unmount the actor is stopped (observers muted) before this unsubscribes.
  useEffect(
    () => (storage ? persistPasswordless(actorRef, storage, { key, includeSecrets }) : undefined),
    [actorRef, storage, key, includeSecrets],
  );
  return actorRef;
}

/** View and actions of a running flow; re-renders only when the view changes, not on every tick. */
export function usePasswordlessState(actorRef: PasswordlessActorRef): UsePasswordlessResult {
  const store = useMemo(() => createViewStore(actorRef), [actorRef]);
  // Core shares unchanged parts of the view, so identity is change detection.
  const view = useSyncExternalStore(store.subscribe, store.getView, store.getView);
  const actions = useMemo(() => createPasswordlessActions(actorRef.send), [actorRef]);
  return useMemo(() => ({ ...view, ...actions, actorRef }), [view, actions, actorRef]);
}

/**
 * The flow in this component. With `{ server: '/auth/passwordless' }` it runs on
 * `@passwordless-xstate/server` (a Regular Web Application): the same view and actions, no `actorRef`.
 */
export function usePasswordless(options: UsePasswordlessServerOptions): UsePasswordlessServerResult;
export function usePasswordless(options: UsePasswordlessOptions): UsePasswordlessResult;
export function usePasswordless(
  options: UsePasswordlessOptions | UsePasswordlessServerOptions,
): UsePasswordlessResult | UsePasswordlessServerResult;
export function usePasswordless(
  options: UsePasswordlessOptions | UsePasswordlessServerOptions,
): UsePasswordlessResult | UsePasswordlessServerResult {
  // The mode is read once, like every option, so each render calls the same hooks.
  const [initial] = useState(() => options);
  return 'server' in initial
    ? useRemoteFlowState(useRemoteFlow(initial))
    : usePasswordlessState(usePasswordlessActor(initial));
}
