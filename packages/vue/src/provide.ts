import {
  getPasswordlessView,
  isEqualView,
  type PasswordlessSnapshot,
  type PasswordlessView,
} from '@passwordless-xstate/core';
import { useSelector } from '@xstate/vue';
import {
  effectScope,
  getCurrentInstance,
  inject,
  onMounted,
  provide,
  readonly,
  shallowRef,
  watchEffect,
  type App,
  type InjectionKey,
  type Plugin,
  type Ref,
} from 'vue';
import type { UsePasswordlessServerOptions } from './server-flow.ts';
import type { UsePasswordlessOptions } from './use-passwordless.ts';
import { startWhenMounted } from './mounted.ts';
import { flowFor, type PasswordlessFlow, type PasswordlessFlowState } from './use-passwordless.ts';

type FlowOptions = UsePasswordlessOptions | UsePasswordlessServerOptions;

export const passwordlessKey: InjectionKey<PasswordlessFlow> = Symbol('passwordless-xstate');

/**
 * One flow for this component and its descendants, which read it with `injectPasswordless()`;
 * `{ server: '/auth/passwordless' }` runs it on `@passwordless-xstate/server`.
 */
export function providePasswordless(options: FlowOptions): PasswordlessFlowState {
  const flow = flowFor(options);
  startWhenMounted(flow.start);
  provide(passwordlessKey, flow);
  return flow.result;
}

/** `app.use(passwordlessPlugin, options)`: one flow for the whole app, stopped by `app.unmount()`. */
export const passwordlessPlugin: Plugin<[FlowOptions]> = {
  install(app: App, options: FlowOptions) {
    // Detached: app.use() may run inside another scope (a test, a host app); the flow lives with the app.
    const scope = effectScope(true);
    const flow = scope.run(() => flowFor(options));
    if (!flow) return;
    app.provide(passwordlessKey, flow);
    app.onUnmount(() => scope.stop());
  },
};

/** The provided flow; the first component to mount with it starts it (never on the server). */
export function injectPasswordless(): PasswordlessFlowState {
  const flow = inject(passwordlessKey, null);
  if (!flow) {
    throw new Error(
      'injectPasswordless() needs providePasswordless() or app.use(passwordlessPlugin) above it.',
    );
  }
  if (getCurrentInstance()) onMounted(flow.start);
  return flow.result;
}

/**
 * A derived value of the provided flow (deep equality), with the chart's snapshot for what the view
 * leaves out: in browser mode only, since in server mode the chart runs on the server.
 */
export function usePasswordlessSelector<T>(
  selector: (view: PasswordlessView, snapshot: PasswordlessSnapshot | undefined) => T,
  compare: (a: T, b: T) => boolean = isEqualView,
): Readonly<Ref<T>> {
  const flow = injectPasswordless();
  if (flow.actorRef) {
    return useSelector(
      flow.actorRef,
      (snapshot) => selector(getPasswordlessView(snapshot), snapshot),
      compare,
    );
  }
  // The reactive view itself: only the keys the selector reads are tracked.
  const selected = shallowRef(selector(flow, undefined));
  watchEffect(() => {
    const next = selector(flow, undefined);
    if (!compare(selected.value, next)) selected.value = next;
  });
  return readonly(selected) as Readonly<Ref<T>>;
}
