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
  type App,
  type InjectionKey,
  type Plugin,
  type Ref,
} from 'vue';
import type { UsePasswordlessOptions } from './use-passwordless.ts';
import {
  createFlow,
  startWhenMounted,
  type PasswordlessFlow,
  type UsePasswordlessResult,
} from './use-passwordless.ts';

export const passwordlessKey: InjectionKey<PasswordlessFlow> = Symbol('passwordless-xstate');

/** One flow for this component and its descendants, which read it with `injectPasswordless()`. */
export function providePasswordless(options: UsePasswordlessOptions): UsePasswordlessResult {
  const flow = createFlow(options);
  startWhenMounted(flow.start);
  provide(passwordlessKey, flow);
  return flow.result;
}

/** `app.use(passwordlessPlugin, options)`: one flow for the whole app, stopped by `app.unmount()`. */
export const passwordlessPlugin: Plugin<[UsePasswordlessOptions]> = {
  install(app: App, options: UsePasswordlessOptions) {
    // Detached: app.use() may run inside another scope (a test, a host app); the flow lives with the app.
    const scope = effectScope(true);
    const flow = scope.run(() => createFlow(options));
    if (!flow) return;
    app.provide(passwordlessKey, flow);
    app.onUnmount(() => scope.stop());
  },
};

/** The provided flow; the first component to mount with it starts it (never on the server). */
export function injectPasswordless(): UsePasswordlessResult {
  const flow = inject(passwordlessKey, null);
  if (!flow) {
    throw new Error(
      'injectPasswordless() needs providePasswordless() or app.use(passwordlessPlugin) above it.',
    );
  }
  if (getCurrentInstance()) onMounted(flow.start);
  return flow.result;
}

/** A derived value of the provided flow, with the raw snapshot for what the view leaves out (deep equality). */
export function usePasswordlessSelector<T>(
  selector: (view: PasswordlessView, snapshot: PasswordlessSnapshot) => T,
  compare: (a: T, b: T) => boolean = isEqualView,
): Readonly<Ref<T>> {
  const { actorRef } = injectPasswordless();
  return useSelector(actorRef, (snapshot) => selector(getPasswordlessView(snapshot), snapshot), compare);
}
