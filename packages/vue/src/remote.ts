// `@passwordless-xstate/vue/remote`: the composable for a web app whose flow runs on
// @passwordless-xstate/server. It leaves out the chart, XState and the Auth0 client, which never
// run in this browser; the main entry's `usePasswordless({ server })` does the same with them.
import { startWhenMounted } from './mounted.ts';
import {
  createServerFlow,
  type UsePasswordlessServerOptions,
  type UsePasswordlessServerResult,
} from './server-flow.ts';

export * from '@passwordless-xstate/core/remote';
export type { UsePasswordlessServerOptions, UsePasswordlessServerResult } from './server-flow.ts';

/** The flow on `@passwordless-xstate/server`, e.g. `usePasswordless({ server: '/auth/passwordless' })`. */
export function usePasswordless(options: UsePasswordlessServerOptions): UsePasswordlessServerResult {
  const { result, start } = createServerFlow(options);
  startWhenMounted(start);
  return result;
}
