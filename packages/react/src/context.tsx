import {
  createPasswordlessActions,
  getPasswordlessView,
  isEqualView,
  type PasswordlessActions,
  type PasswordlessActorRef,
  type PasswordlessSnapshot,
  type PasswordlessView,
} from '@passwordless-xstate/core';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import {
  usePasswordlessActor,
  usePasswordlessState,
  type UsePasswordlessOptions,
  type UsePasswordlessResult,
} from './use-passwordless.ts';
import { useFlowSelector } from './use-flow-selector.ts';

const PasswordlessContext = createContext<PasswordlessActorRef | null>(null);

/** One flow for a subtree: forms, countdowns and panels read slices of it without prop drilling. */
export function PasswordlessProvider(props: { options: UsePasswordlessOptions; children?: ReactNode }) {
  const actorRef = usePasswordlessActor(props.options);
  return <PasswordlessContext.Provider value={actorRef}>{props.children}</PasswordlessContext.Provider>;
}

export function usePasswordlessActorRef(): PasswordlessActorRef {
  const actorRef = useContext(PasswordlessContext);
  if (!actorRef) throw new Error('usePasswordless* hooks need a <PasswordlessProvider> above them.');
  return actorRef;
}

/** The whole view: re-renders whenever any of it changes (countdowns included). */
export function usePasswordlessContext(): UsePasswordlessResult {
  return usePasswordlessState(usePasswordlessActorRef());
}

/** A slice of the view; the component re-renders only when the slice changes (deep equality by default). */
export function usePasswordlessSelector<T>(
  selector: (view: PasswordlessView, snapshot: PasswordlessSnapshot) => T,
  compare: (a: T, b: T) => boolean = isEqualView,
): T {
  return useFlowSelector(
    usePasswordlessActorRef(),
    (snapshot) => selector(getPasswordlessView(snapshot), snapshot),
    compare,
  );
}

/** Stable actions that never re-render the component by themselves. */
export function usePasswordlessActions(): PasswordlessActions {
  const actorRef = usePasswordlessActorRef();
  return useMemo(() => createPasswordlessActions(actorRef.send), [actorRef]);
}
