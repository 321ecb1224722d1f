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

// The Auth0 client
export { createAuth0Client, type Auth0Client, type IdTokenCheck } from './api/client.ts';
export type { Auth0ClientOptions } from './api/options.ts';
export type { Authenticator, AuthenticatorType, OobChannel } from './api/authenticators.ts';
export { parseMagicLinkCallback, type MagicLinkCallback, type ParseCallbackOptions } from './api/callback.ts';
export type { IdTokenClaims, JwksSource, ValidateIdTokenOptions } from './api/id-token.ts';
export { validateIdToken } from './api/validate-id-token.ts';
export type {
  AssociateParams,
  AssociateResult,
  BindingMethod,
  ChallengeParams,
  ChallengeResult,
  ListAuthenticatorsParams,
  RecoveryCodeResult,
  VerifyMfaOobParams,
  VerifyMfaOtpParams,
  VerifyRecoveryCodeParams,
} from './api/mfa.ts';
export type {
  AuthParams,
  ExchangeOtpParams,
  PasswordlessIdentity,
  StartPasswordlessParams,
  StartPasswordlessResult,
} from './api/passwordless.ts';
export type {
  ExchangeAuthorizationCodeParams,
  RefreshParams,
  RevokeParams,
  UserInfo,
  UserInfoParams,
} from './api/session.ts';
export type { TokenResult } from './api/tokens.ts';
export type { CallOptions } from './api/context.ts';
export type { Telemetry } from './api/telemetry.ts';

// Server mode: the view and events of a flow that runs on @passwordless-xstate/server
export { createRemoteFlow, type RemoteFlow, type RemoteFlowOptions } from './remote/remote-flow.ts';
