// What both entries export of the Auth0 client: the main one (with the chart) and `/client`.
export { createAuth0Client, type Auth0Client, type IdTokenCheck } from './client.ts';
export type { Auth0ClientOptions } from './options.ts';
export type { Authenticator, AuthenticatorType, OobChannel } from './authenticators.ts';
export type { IdTokenClaims, JwksSource, ValidateIdTokenOptions } from './id-token.ts';
export { validateIdToken } from './validate-id-token.ts';
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
} from './mfa.ts';
export type {
  AuthParams,
  ExchangeOtpParams,
  PasswordlessIdentity,
  StartPasswordlessParams,
  StartPasswordlessResult,
} from './passwordless.ts';
export type {
  ExchangeAuthorizationCodeParams,
  RefreshParams,
  RevokeParams,
  UserInfo,
  UserInfoParams,
} from './session.ts';
export type { TokenResult } from './tokens.ts';
export type { CallOptions } from './context.ts';
export type { Telemetry } from './telemetry.ts';
