import {
  createPasswordlessActions,
  isEqualView,
  type PasswordlessActions,
  type PasswordlessActorRef,
  type PasswordlessSnapshot,
  type PasswordlessView,
} from '@passwordless-xstate/core';
import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { useSyncExternalStoreWithSelector } from 'use-sync-external-store/with-selector';
import { actorSource, remoteSource, type FlowSource } from './flow-source.ts';
import { usePasswordlessActor, type UsePasswordlessOptions } from './use-passwordless.ts';
import { useRemoteFlow, type UsePasswordlessServerOptions } from './use-remote-flow.ts';

/** What the context hooks return in either mode; `actorRef` only when the chart runs in the browser. */
export type PasswordlessFlowState = PasswordlessView &
  PasswordlessActions & { actorRef: PasswordlessActorRef | undefined };

const PasswordlessContext = createContext<FlowSource | null>(null);

function BrowserProvider(props: { options: UsePasswordlessOptions; children?: ReactNode }) {
  const actorRef = usePasswordlessActor(props.options);
  const source = useMemo(() => actorSource(actorRef), [actorRef]);
  return <PasswordlessContext.Provider value={source}>{props.children}</PasswordlessContext.Provider>;
}

function ServerProvider(props: { options: UsePasswordlessServerOptions; children?: ReactNode }) {
  const flow = useRemoteFlow(props.options);
  const source = useMemo(() => remoteSource(flow), [flow]);
  return <PasswordlessContext.Provider value={source}>{props.children}</PasswordlessContext.Provider>;
}

/**
 * One flow for a subtree: forms, countdowns and panels read slices of it without prop drilling.
 * `options` as for `usePasswordless`, `{ server: '/auth/passwordless' }` included; read once.
 */
export function PasswordlessProvider(props: {
  options: UsePasswordlessOptions | UsePasswordlessServerOptions;
  children?: ReactNode;
}) {
  const [options] = useState(() => props.options);
  return 'server' in options ? (
    <ServerProvider options={options}>{props.children}</ServerProvider>
  ) : (
    <BrowserProvider options={options}>{props.children}</BrowserProvider>
  );
}

function useSource(): FlowSource {
  const source = useContext(PasswordlessContext);
  if (!source) throw new Error('usePasswordless* hooks need a <PasswordlessProvider> above them.');
  return source;
}

/** The chart's actor; only in browser mode (in server mode the chart runs on the server). */
export function usePasswordlessActorRef(): PasswordlessActorRef {
  const { actorRef } = useSource();
  if (!actorRef) throw new Error('usePasswordlessActorRef(): in server mode the chart runs on the server.');
  return actorRef;
}

/**
 * A slice of the view; the component re-renders only when the slice changes (deep equality by
 * default). `snapshot` is the chart's, in browser mode only.
 */
export function usePasswordlessSelector<T>(
  selector: (view: PasswordlessView, snapshot: PasswordlessSnapshot | undefined) => T,
  compare: (a: T, b: T) => boolean = isEqualView,
): T {
  const source = useSource();
  const select = useCallback(
    (current: unknown) => {
      const { view, snapshot } = source.read(current);
      return selector(view, snapshot);
    },
    [source, selector],
  );
  return useSyncExternalStoreWithSelector(source.subscribe, source.current, source.current, select, compare);
}

/** Stable actions that never re-render the component by themselves. */
export function usePasswordlessActions(): PasswordlessActions {
  const source = useSource();
  return useMemo(() => createPasswordlessActions(source.send), [source]);
}

/** The whole view and the actions: re-renders whenever any of it changes (countdowns included). */
export function usePasswordlessContext(): PasswordlessFlowState {
  const source = useSource();
  const view = useSyncExternalStore(source.subscribe, source.getView, source.getView);
  const actions = usePasswordlessActions();
  const { actorRef } = source;
  return useMemo(() => ({ ...view, ...actions, actorRef }), [view, actions, actorRef]);
}
