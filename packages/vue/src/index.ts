export * from '@passwordless-xstate/core';
export {
  usePasswordless,
  type PasswordlessFlow,
  type PasswordlessFlowState,
  type UsePasswordlessOptions,
  type UsePasswordlessResult,
} from './use-passwordless.ts';
export type { UsePasswordlessServerOptions, UsePasswordlessServerResult } from './server-flow.ts';
export {
  injectPasswordless,
  passwordlessKey,
  passwordlessPlugin,
  providePasswordless,
  usePasswordlessSelector,
} from './provide.ts';
