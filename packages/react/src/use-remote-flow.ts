import {
  createPasswordlessActions,
  createRemoteFlow,
  type PasswordlessActions,
  type PasswordlessView,
  type RemoteFlow,
  type RemoteFlowOptions,
} from '@passwordless-xstate/core/remote';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';

/** Server mode: where `@passwordless-xstate/server` answers, e.g. `{ server: '/auth/passwordless' }`. */
export type UsePasswordlessServerOptions = RemoteFlowOptions;

/** The same view and actions as the browser mode; the chart runs on the server, so there is no `actorRef`. */
export type UsePasswordlessServerResult = PasswordlessView & PasswordlessActions & { actorRef: undefined };

/**
 * One remote flow per mount: options are read once. It starts in an effect, so a server render
 * never fetches, and StrictMode's second mount reuses the first one's request.
 */
export function useRemoteFlow(options: UsePasswordlessServerOptions): RemoteFlow {
  const [flow] = useState(() => createRemoteFlow(options));
  useEffect(() => {
    flow.start();
    return flow.stop;
  }, [flow]);
  return flow;
}

/** View and actions of a remote flow; re-renders only when the view changes. */
export function useRemoteFlowState(flow: RemoteFlow): UsePasswordlessServerResult {
  // Core shares unchanged parts of the view, so identity is change detection.
  const view = useSyncExternalStore(flow.subscribe, flow.getView, flow.getView);
  const actions = useMemo(() => createPasswordlessActions(flow.send), [flow]);
  return useMemo(() => ({ ...view, ...actions, actorRef: undefined }), [view, actions]);
}
