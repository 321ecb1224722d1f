import type { Authenticator } from './authenticators.ts';
import type { ClientContext } from './context.ts';
import type { IdTokenClaims, JwksCache, ValidateIdTokenOptions } from './id-token.ts';
import * as mfa from './mfa.ts';
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
import * as passwordless from './passwordless.ts';
import * as session from './session.ts';
import type { ExchangeOtpParams, StartPasswordlessParams, StartPasswordlessResult } from './passwordless.ts';
import type {
  ExchangeAuthorizationCodeParams,
  RefreshParams,
  RevokeParams,
  UserInfo,
  UserInfoParams,
} from './session.ts';
import type { TokenResult } from './tokens.ts';
import { createTransport } from './transport.ts';

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

/**
 * Typed Auth0 Authentication + MFA API client. Throws `insecure_configuration` when a client
 * secret is configured in a browser (unless `dangerouslyAllowSecretInBrowser`).
 */
// ID-token checks (and jose) are a chunk of their own, loaded with the first token to check. (The MFA
// and session calls are not: as chunks of their own they cost more than they save, measured for
// issue 13, since each chunk is compressed on its own.)
const loadValidator = lazyModule(() => import('./id-token.ts'));

export function createAuth0Client(options: Auth0ClientOptions): Auth0Client {
  const resolved = resolveOptions(options);
  const context: ClientContext = { options: resolved, transport: createTransport(resolved) };
  // Made with the validator, on the first token to check: the key set is fetched through this client.
  let jwksCache: JwksCache | undefined;
  return {
    baseUrl: resolved.baseUrl,
    clientId: resolved.clientId,
    startPasswordless: (params) => passwordless.startPasswordless(context, params),
    exchangeOtp: (params) => passwordless.exchangeOtp(context, params),
    listAuthenticators: (params) => mfa.listAuthenticators(context, params),
    challenge: (params) => mfa.challenge(context, params),
    verifyMfaOtp: (params) => mfa.verifyMfaOtp(context, params),
    verifyMfaOob: (params) => mfa.verifyMfaOob(context, params),
    verifyRecoveryCode: (params) => mfa.verifyRecoveryCode(context, params),
    associate: (params) => mfa.associate(context, params),
    refresh: (params) => session.refresh(context, params),
    revoke: (params) => session.revoke(context, params),
    userInfo: (params) => session.userInfo(context, params),
    exchangeAuthorizationCode: (params) => session.exchangeAuthorizationCode(context, params),
    validateIdToken: async (idToken, check = {}) => {
      const validator = await loadValidator();
      // Shared by the clients on the same fetch; a custom clock keeps its own (its timing is its own).
      jwksCache ??=
        resolved.now === Date.now
          ? validator.sharedJwksCache(context.transport, resolved.fetch)
          : validator.createJwksCache(context.transport, 30_000, resolved.now);
      return validator.validateIdToken(idToken, {
        now: resolved.now,
        jwksCache,
        ...check,
        issuer: check.issuer ?? resolved.baseUrl,
        clientId: resolved.clientId,
      });
    },
  };
}
