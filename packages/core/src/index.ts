// The chart
export {
  passwordlessMachine,
  type PasswordlessActorRef,
  type PasswordlessMachine,
} from './machine/machine.ts';
export {
  createPasswordlessActor,
  createPasswordlessMachine,
  passwordlessActorArgs,
  type PasswordlessActorArgs,
  type PasswordlessClientOptions,
  type PasswordlessOptions,
  type PasswordlessPersistOptions,
} from './machine/create.ts';
export { createPasswordlessActors, type ClientResolver, type PasswordlessActors } from './machine/actors.ts';
export { defaultConfig as defaultPasswordlessConfig } from './machine/chart-context.ts';
export { checkPasswordlessSettings } from './machine/settings.ts';
export {
  getPasswordlessView,
  getStep,
  isEqualView,
  stateValuePaths,
  type PasswordlessActionName,
  type PasswordlessMfaView,
  type PasswordlessSnapshot,
  type PasswordlessStep,
  type PasswordlessView,
} from './machine/view.ts';
export {
  toPublicView,
  viewAt,
  type PasswordlessDeadlines,
  type PasswordlessPublicView,
} from './machine/public-view.ts';
export { CHART_VERSION, checkRestorable, type RestoreCheck } from './machine/restore.ts';
export { createPasswordlessActions, type PasswordlessActions } from './machine/commands.ts';
export { waitForStep } from './machine/wait.ts';
export { createViewStore, type PasswordlessViewStore } from './machine/view-store.ts';
export type {
  Connection,
  EnrollmentFactor,
  MfaChallengeState,
  MfaEnrollment,
  MfaState,
  PasswordlessConfig,
  PasswordlessContext,
  PasswordlessErrorInfo,
  PasswordlessEvent,
  PasswordlessEventType,
  PasswordlessInput,
  PasswordlessNotice,
  SendMode,
  Session,
  SessionTokens,
  SessionUser,
} from './machine/types.ts';

// The diagram (`toMermaid`) is `@passwordless-xstate/core/diagram`; inspection without secrets
// (`createInspectionLog`, `redactInspection`, `redactSecrets`) is `@passwordless-xstate/core/inspect`.

// Persistence without secrets
export {
  createMemoryStorage,
  decidePersistence,
  persistPasswordless,
  restorePasswordless,
  type PersistDecision,
  type PersistenceOptions,
  type PasswordlessStorage,
} from './machine/persistence.ts';

// Errors and validation
export {
  PasswordlessError,
  isPasswordlessError,
  type MfaFactor,
  type MfaRequirements,
  type PasswordlessErrorCode,
  type PasswordlessErrorDetails,
  type PasswordlessErrorJSON,
  type PasswordlessErrorOptions,
  type RateLimitInfo,
} from './errors.ts';
export { validateEmail, validatePhoneNumber, type ValidationResult } from './validation.ts';

// The Auth0 client (`parseMagicLinkCallback` is in `@passwordless-xstate/core/client`: here, esbuild
// would load it and Auth0's error classification up front, because the lazy Auth0 calls use them too)
export * from './api/public-client.ts';

// Server mode: the view and events of a flow that runs on @passwordless-xstate/server
export { createRemoteFlow, type RemoteFlow, type RemoteFlowOptions } from './remote/remote-flow.ts';
