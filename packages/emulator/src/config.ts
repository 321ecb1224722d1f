/**
 * Emulator configuration. Field names are camelCase (this is our config file, not Auth0's Management
 * API); everything on the wire stays exactly as Auth0 spells it.
 */

export const GRANT = {
  passwordlessOtp: 'http://auth0.com/oauth/grant-type/passwordless/otp',
  mfaOtp: 'http://auth0.com/oauth/grant-type/mfa-otp',
  mfaOob: 'http://auth0.com/oauth/grant-type/mfa-oob',
  mfaRecoveryCode: 'http://auth0.com/oauth/grant-type/mfa-recovery-code',
  refreshToken: 'refresh_token',
  authorizationCode: 'authorization_code',
  implicit: 'implicit',
} as const;

export type GrantType = (typeof GRANT)[keyof typeof GRANT];

export type AppType = 'native' | 'spa' | 'regular_web';
export type TokenEndpointAuthMethod = 'none' | 'client_secret_post' | 'client_secret_basic';

export interface ClientConfig {
  clientId: string;
  name: string;
  appType: AppType;
  /** Required unless `tokenEndpointAuthMethod` is `none`. */
  clientSecret?: string;
  tokenEndpointAuthMethod: TokenEndpointAuthMethod;
  grantTypes: string[];
  /** Allowed Callback URLs. `*` matches any run of characters (an emulator convenience for dev ports). */
  callbacks: string[];
  /** Allowed Origins (CORS); same `*` matching. */
  webOrigins: string[];
  /** Connections enabled for this client. */
  connections: Array<'email' | 'sms'>;
  /**
   * "Allow Cross-Origin Authentication": an SPA (or any client) may sign in with `/co/authenticate`
   * then `/authorize?login_ticket=…`, as auth0.js `passwordlessLogin` does from a page of its own.
   */
  crossOriginAuthentication?: boolean;
  /** Allowed Logout URLs for `/v2/logout` `returnTo` and `/oidc/logout`; same `*` matching. Default: `callbacks`. */
  allowedLogoutUrls?: string[];
  /** Dashboard > Advanced > OAuth > "Trust Token Endpoint IP Header". */
  trustTokenEndpointIpHeader?: boolean;
  /** Every login through this client needs MFA (enrol first when the user has no factor). */
  requireMfa?: boolean;
}

export type SeedAuthenticator =
  | { type: 'otp'; secret: string }
  | { type: 'sms'; phoneNumber: string }
  | { type: 'voice'; phoneNumber: string }
  | { type: 'email'; email: string }
  | { type: 'push'; deviceName: string };

export interface UserConfig {
  /** `email|…` or `sms|…`; derived from `email`/`phoneNumber` when left out. */
  userId?: string;
  connection: 'email' | 'sms';
  email?: string;
  phoneNumber?: string;
  name?: string;
  nickname?: string;
  picture?: string;
  blocked?: boolean;
  /** Active MFA factors. */
  authenticators?: SeedAuthenticator[];
  /** 24 upper-case letters and digits, as Auth0 issues them. */
  recoveryCode?: string;
  /** The user has no factor yet but must enrol one at next login. */
  mfaEnrollRequired?: boolean;
  /** List the verified e-mail as an e-mail authenticator (default: `mfa.verifiedEmailAuthenticator`). */
  verifiedEmailAuthenticator?: boolean;
}

export interface ConnectionConfig {
  /** Dashboard "Disable Sign Ups": unknown identifiers get no code. */
  disableSignup: boolean;
  /** "OTP Length" (digits). */
  otpLength: number;
  /** "OTP Expiry" in seconds (`options.totp.time_step`). */
  otpLifetimeSeconds: number;
  /** Wrong attempts that invalidate a code. */
  maxAttempts: number;
}

export interface BucketConfig {
  /** Bucket size. */
  burst: number;
  /** Tokens added back per `perSeconds`. */
  refill: number;
  perSeconds: number;
}

export type MfaFactor = 'otp' | 'sms' | 'voice' | 'email' | 'push';

export interface MfaConfig {
  /** `per-user`: MFA for users who have an active factor or must enrol; `always`: everyone; `never`: no one. */
  policy: 'never' | 'always' | 'per-user';
  /** Factors users may enrol. */
  factors: MfaFactor[];
  /**
   * Auth0 lists every verified e-mail of a user as an active e-mail authenticator (undeletable)
   * while the e-mail factor is on, so such a user is challenged by e-mail instead of enrolling. Off by
   * default: the seeded one-factor users would otherwise all have a second factor. Per user: `UserConfig`.
   */
  verifiedEmailAuthenticator: boolean;
  recoveryCodes: boolean;
  /** Emit `mfa_requirements` on `mfa_required` (a "Customize MFA" tenant feature). */
  emitRequirements: boolean;
  /** Emit the `type` field in `GET /mfa/authenticators` (Swift's SDK drops entries without it). */
  emitAuthenticatorType: boolean;
  mfaTokenLifetimeSeconds: number;
  oobCodeLifetimeSeconds: number;
  bindingCodeLength: number;
  /** Wrong OTP / binding / recovery codes per user: bucket 10, one back every 6 minutes. */
  failures: BucketConfig;
  /** SMS sends per user: bucket 10, one back per hour. */
  smsSends: BucketConfig;
  /** Minimum seconds between two push polls before `slow_down` (Auth0: 12 per minute). */
  pushPollIntervalSeconds: number;
}

export interface TokenConfig {
  idTokenLifetimeSeconds: number;
  accessTokenLifetimeSeconds: number;
  authorizationCodeLifetimeSeconds: number;
  /** Issue a new refresh token on every refresh and revoke the old one. */
  refreshTokenRotation: boolean;
  /**
   * Auth0's "Rotation Overlap Period" (`refresh_token.leeway`, off by default): for this many seconds
   * after it was rotated, the previous refresh token may be exchanged again without counting as reuse.
   */
  refreshTokenRotationOverlapSeconds: number;
  /** Scope used when a token request sends none. */
  defaultScope: string;
}

export interface ErrorSpec {
  status: number;
  error: string;
  error_description: string;
}

/**
 * Answers Auth0's documentation does not pin down (marked UNCONFIRMED in our protocol notes).
 * Each has a default we believe most likely and can be overridden in the config file.
 */
export interface UnconfirmedConfig {
  /** Passwordless OTP exchange with an expired code. */
  codeExpired: ErrorSpec;
  /** Passwordless OTP exchange after the attempts on a code ran out. */
  codeAttemptsExhausted: ErrorSpec;
  /** Any endpoint past its rate limit. */
  rateLimited: ErrorSpec;
  /** Send a `Retry-After` header (seconds) with 429s; Auth0 documents only `x-ratelimit-*`. */
  sendRetryAfter: boolean;
  /** Push rejected by the user: recorded tenants answer `access_denied`, docs say `invalid_grant`. */
  pushRejected: ErrorSpec;
  /** Wrong recovery code. */
  invalidRecoveryCode: ErrorSpec;
  /** Too many wrong MFA codes (failure bucket empty). */
  mfaTooManyFailures: ErrorSpec;
  /** `/mfa/associate` with an `mfa_token` for a user who already has an active factor. */
  alreadyEnrolled: ErrorSpec;
  /** Unknown `client_id`. */
  unknownClient: ErrorSpec;
  /** Wrong client secret, or a confidential client's token request without one. */
  invalidClientCredentials: ErrorSpec;
  /** Missing, expired or foreign bearer token on `/mfa/*` and `/userinfo`. */
  invalidBearer: ErrorSpec;
  /** Default `response_type` of a magic link when `authParams` has none. */
  magicLinkDefaultResponseType: 'code' | 'token' | 'id_token' | 'token id_token';
}

export interface LimitsConfig {
  /** `/passwordless/start` per IP: burst 50, 50 per hour. */
  passwordlessStart: BucketConfig;
  /** `/userinfo` per user: burst 10, 5 per minute. */
  userinfo: BucketConfig;
  /**
   * "Get Token" (`/oauth/token`) on Auth0's Free plan: burst 30, 30 per second. Applied here to the
   * Passwordless OTP and MFA grants, per IP (`auth0-forwarded-for` when trusted, as on start).
   */
  tokenEndpoint: BucketConfig;
  /** "MFA OOB token exchange" (`mfa-oob` grant) per `mfa_token`: burst 12, 12 per minute, on every plan. */
  mfaOobTokenExchange: BucketConfig;
  /** Request bodies larger than this get a 413. */
  maxBodyBytes: number;
}

export interface EmulatorConfig {
  /** `http://HOST:PORT/` by default; set it when the emulator stands behind a proxy or custom domain. */
  issuer?: string;
  /** Shown in `otpauth://` labels and the dev page. */
  tenantName: string;
  /** Extra CORS origins on top of every client's `webOrigins`. */
  allowedOrigins: string[];
  clients: ClientConfig[];
  users: UserConfig[];
  connections: { email: ConnectionConfig; sms: ConnectionConfig };
  mfa: MfaConfig;
  tokens: TokenConfig;
  limits: LimitsConfig;
  unconfirmed: UnconfirmedConfig;
}

/** A client in a config file: only `clientId` is required, the rest is filled in by `resolveConfig`. */
export type ClientInput = Partial<ClientConfig> & Pick<ClientConfig, 'clientId'>;

/** Deep-partial overrides, as read from a JSON config file. Arrays replace, objects merge. */
export type EmulatorConfigInput = DeepPartial<Omit<EmulatorConfig, 'clients'>> & { clients?: ClientInput[] };

type DeepPartial<T> =
  T extends Array<infer _> ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

export function mergeConfig<T>(base: T, override: DeepPartial<T> | undefined): T {
  if (override === undefined) return base;
  if (Array.isArray(base) || typeof base !== 'object' || base === null) return override as T;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(override as Record<string, unknown>)) {
    if (value === undefined) continue;
    out[key] = key in out ? mergeConfig(out[key], value as never) : value;
  }
  return out as T;
}
