import {
  createViewStore,
  getPasswordlessView,
  type PasswordlessActorRef,
  type PasswordlessEvent,
  type PasswordlessSnapshot,
  type PasswordlessView,
  type RemoteFlow,
} from '@passwordless-xstate/core';

/**
 * What a `<PasswordlessProvider>` shares, the same for a chart in the browser and a flow on the
 * server: something to subscribe to, a value that changes with it, and how to read the view.
 */
export interface FlowSource {
  subscribe(onChange: () => void): () => void;
  /** A value that is the same object until something changes (a snapshot, or the remote view). */
  current(): unknown;
  read(current: unknown): { view: PasswordlessView; snapshot: PasswordlessSnapshot | undefined };
  /** The whole view, the same object until it changes (core's structural sharing). */
  getView(): PasswordlessView;
  send(event: PasswordlessEvent): void;
  /** Only in browser mode: the chart runs on the server otherwise. */
  actorRef: PasswordlessActorRef | undefined;
}

export function actorSource(actorRef: PasswordlessActorRef): FlowSource {
  const store = createViewStore(actorRef);
  return {
    // With an error listener too: a failed actor shows core's failed view instead of going unhandled.
    subscribe: (onChange) => actorRef.subscribe({ next: onChange, error: onChange }).unsubscribe,
    current: () => actorRef.getSnapshot(),
    // The store's view for the current snapshot, so that selected slices keep their references.
    read: (snapshot) => ({
      view:
        snapshot === actorRef.getSnapshot()
          ? store.getView()
          : getPasswordlessView(snapshot as PasswordlessSnapshot),
      snapshot: snapshot as PasswordlessSnapshot,
    }),
    getView: store.getView,
    send: actorRef.send,
    actorRef,
  };
}

export const remoteSource = (flow: RemoteFlow): FlowSource => ({
  subscribe: flow.subscribe,
  current: flow.getView,
  read: (view) => ({ view: view as PasswordlessView, snapshot: undefined }),
  getView: flow.getView,
  send: flow.send,
  actorRef: undefined,
});
