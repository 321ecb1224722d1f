export * from '@passwordless-xstate/core';
export {
  usePasswordless,
  usePasswordlessActor,
  usePasswordlessState,
  type UsePasswordlessOptions,
  type UsePasswordlessResult,
} from './use-passwordless.ts';
export type { UsePasswordlessServerOptions, UsePasswordlessServerResult } from './use-remote-flow.ts';
export {
  PasswordlessProvider,
  usePasswordlessActions,
  usePasswordlessActorRef,
  usePasswordlessContext,
  usePasswordlessSelector,
  type PasswordlessFlowState,
} from './context.tsx';
