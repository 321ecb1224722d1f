// `@passwordless-xstate/core/remote`: a web app's browser side when the flow runs on
// @passwordless-xstate/server (the Regular Web Application setup). The same view and actions as the
// main entry, without the chart, XState or the Auth0 client, none of which run in this browser.
export { createRemoteFlow, type RemoteFlow, type RemoteFlowOptions } from './remote/remote-flow.ts';
export { createPasswordlessActions, type PasswordlessActions } from './machine/commands.ts';
export type {
  PasswordlessActionName,
  PasswordlessMfaView,
  PasswordlessStep,
  PasswordlessView,
} from './machine/view.ts';
export type {
  Connection,
  EnrollmentFactor,
  PasswordlessErrorInfo,
  PasswordlessEvent,
  PasswordlessNotice,
  SendMode,
  SessionUser,
} from './machine/types.ts';
export type { PasswordlessErrorCode } from './errors.ts';
export { validateEmail, validatePhoneNumber, type ValidationResult } from './validation.ts';
