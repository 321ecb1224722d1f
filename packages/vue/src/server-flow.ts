import {
  createPasswordlessActions,
  createRemoteFlow,
  type PasswordlessActions,
  type PasswordlessView,
  type RemoteFlowOptions,
} from '@passwordless-xstate/core/remote';
import { onScopeDispose, shallowReactive, shallowReadonly } from 'vue';
import { assignChanged } from './view-state.ts';

/** Server mode: where `@passwordless-xstate/server` answers, e.g. `{ server: '/auth/passwordless' }`. */
export type UsePasswordlessServerOptions = RemoteFlowOptions;

/** The same reactive view and actions as the browser mode; the chart runs on the server, so no `actorRef`. */
export type UsePasswordlessServerResult = Readonly<
  PasswordlessView & PasswordlessActions & { actorRef: undefined }
>;

/**
 * A remote flow owned by the current effect scope: stopped (timer, request in flight) when the
 * scope is disposed. `start` asks the server where the flow stands; call it once mounted.
 */
export function createServerFlow(options: UsePasswordlessServerOptions): {
  result: UsePasswordlessServerResult;
  start: () => void;
} {
  const remote = createRemoteFlow(options);
  const state = shallowReactive({
    ...remote.getView(),
    ...createPasswordlessActions(remote.send),
    actorRef: undefined,
  });
  const unsubscribe = remote.subscribe((view) => assignChanged(state, view));
  onScopeDispose(() => {
    remote.stop();
    unsubscribe();
  });
  return { result: shallowReadonly(state), start: remote.start };
}
