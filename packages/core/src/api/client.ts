import type { Authenticator } from './authenticators.ts';
import type { Auth0Calls } from './client-calls.ts';
import type { IdTokenClaims, ValidateIdTokenOptions } from './id-token.ts';
import type {
  AssociateParams,
  AssociateResult,
  ChallengeParams,
  ChallengeResult,
  ListAuthenticatorsParams,
  RecoveryCodeResult,
  VerifyMfaOobParams,
  VerifyMfaOtpParams,
  VerifyRecoveryCodeParams,
} from './mfa.ts';
import { lazyModule } from './lazy-module.ts';
import { resolveOptions } from './options.ts';
import type { Auth0ClientOptions } from './options.ts';
import type { ExchangeOtpParams, StartPasswordlessParams, StartPasswordlessResult } from './passwordless.ts';
import type {
  ExchangeAuthorizationCodeParams,
  RefreshParams,
  RevokeParams,
  UserInfo,
  UserInfoParams,
} from './session.ts';
import type { TokenResult } from './tokens.ts';

export type IdTokenCheck = Omit<ValidateIdTokenOptions, 'issuer' | 'clientId'> & { issuer?: string };

/** Every call rejects with a `PasswordlessError`; none is retried except reads on a network error. */
export interface Auth0Client {
  /** The resolved base URL (`https://{domain}/`), which is also the expected ID-token issuer. */
  readonly baseUrl: string;
  readonly clientId: string;
  startPasswordless(params: StartPasswordlessParams): Promise<StartPasswordlessResult>;
  exchangeOtp(params: ExchangeOtpParams): Promise<TokenResult>;
  listAuthenticators(params: ListAuthenticatorsParams): Promise<Authenticator[]>;
  challenge(params: ChallengeParams): Promise<ChallengeResult>;
  verifyMfaOtp(params: VerifyMfaOtpParams): Promise<TokenResult>;
  verifyMfaOob(params: VerifyMfaOobParams): Promise<TokenResult>;
  verifyRecoveryCode(params: VerifyRecoveryCodeParams): Promise<RecoveryCodeResult>;
  associate(params: AssociateParams): Promise<AssociateResult>;
  refresh(params: RefreshParams): Promise<TokenResult>;
  revoke(params: RevokeParams): Promise<void>;
  userInfo(params: UserInfoParams): Promise<UserInfo>;
  exchangeAuthorizationCode(params: ExchangeAuthorizationCodeParams): Promise<TokenResult>;
  /** `validateIdToken` with this client's issuer, client ID and clock. */
  validateIdToken(idToken: string, check?: IdTokenCheck): Promise<IdTokenClaims>;
}

// The calls (ofetch, the error model, every endpoint, the ID-token checks with jose) load as one
// chunk, on the first call or when a chart's actor is created (`preloadAuth0Calls`), so a page can
// show its first step without them.
// (The MFA and session calls are not chunks of their own: each chunk is compressed on its own, and
// split further they cost more than they save, measured for issue 13.)
export const loadAuth0Calls = lazyModule(() => import('./client-calls.ts'));

/** Starts loading the client's calls now, so the first request does not wait for them. */
export function preloadAuth0Calls(): void {
  // A failed load is reported by the call that needs it (and tried again there).
  loadAuth0Calls().catch(() => undefined);
}

/**
 * Typed Auth0 Authentication + MFA API client. Throws `insecure_configuration` when a client
 * secret is configured in a browser (unless `dangerouslyAllowSecretInBrowser`).
 */
export function createAuth0Client(options: Auth0ClientOptions): Auth0Client {
  const resolved = resolveOptions(options);
  let calls: Auth0Calls | undefined;
  // A failed load is lazyModule's typed `network` error, and the next call loads again.
  const ready = () => loadAuth0Calls().then((module) => (calls ??= module.createAuth0Calls(resolved)));
  // Each method keeps its own signature; only the forwarding is untyped.
  const call = <Name extends keyof Auth0Calls>(name: Name): Auth0Calls[Name] =>
    (async (...args: unknown[]) =>
      ((await ready())[name] as (...forwarded: unknown[]) => unknown)(...args)) as Auth0Calls[Name];
  preloadAuth0Calls();
  return {
    baseUrl: resolved.baseUrl,
    clientId: resolved.clientId,
    startPasswordless: call('startPasswordless'),
    exchangeOtp: call('exchangeOtp'),
    listAuthenticators: call('listAuthenticators'),
    challenge: call('challenge'),
    verifyMfaOtp: call('verifyMfaOtp'),
    verifyMfaOob: call('verifyMfaOob'),
    verifyRecoveryCode: call('verifyRecoveryCode'),
    associate: call('associate'),
    refresh: call('refresh'),
    revoke: call('revoke'),
    userInfo: call('userInfo'),
    exchangeAuthorizationCode: call('exchangeAuthorizationCode'),
    validateIdToken: call('validateIdToken'),
  };
}
