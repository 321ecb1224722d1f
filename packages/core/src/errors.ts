/**
 * Every failure of the client and the chart is a `PasswordlessError` with a stable `code`, so UIs
 * switch on codes and never parse Auth0's human-readable descriptions.
 */

/** Stable error codes. Adding a code is a minor change; renaming or removing one is breaking. */
export type PasswordlessErrorCode =
  /** The email address or phone number is malformed (checked locally, or rejected by Auth0). */
  | 'invalid_identifier'
  /** An event or call carried a value of the wrong type or an unknown option; nothing was sent. */
  | 'invalid_input'
  /** A stored flow could not be resumed (saved by another version, or damaged); it starts over. */
  | 'flow_discarded'
  /** Wrong one-time code; the code may still be tried again (Auth0 allows 3 attempts). */
  | 'invalid_code'
  /** The one-time code or magic link has expired; request a new one. */
  | 'code_expired'
  /** Attempt limit reached (3 wrong codes, or brute-force protection); request a new code. */
  | 'too_many_attempts'
  /** HTTP 429 rate limit; see `retryAfter` and `rateLimit`. */
  | 'rate_limited'
  /** The application lacks a grant type (Dashboard > Applications > Advanced > Grant Types). */
  | 'grant_not_enabled'
  /** A confidential application called without its client secret. */
  | 'client_auth_required'
  /** Unknown client, wrong client secret, or the client is not allowed to make this call. */
  | 'invalid_client'
  /** The passwordless connection does not exist, is disabled, or is not enabled for the application. */
  | 'connection_disabled'
  /** Auth0 rejected the request as malformed (`bad.*`, `invalid_request`, ...). */
  | 'bad_request'
  /** The login needs a second factor; `mfaToken` and `mfaRequirements` are set. */
  | 'mfa_required'
  /** The `mfa_token` expired (10 minutes), is malformed, or belongs to another client; log in again. */
  | 'mfa_token_expired'
  /** Wrong TOTP, binding (SMS/voice/email) or recovery code. */
  | 'invalid_mfa_code'
  /** Push notification not answered yet; poll again later. */
  | 'authorization_pending'
  /** Polling too fast; wait longer (add 5 seconds) before polling again. */
  | 'slow_down'
  /** The user rejected the push notification. */
  | 'push_rejected'
  /** The out-of-band code (5 minutes) expired; start a new challenge. */
  | 'oob_code_expired'
  /** The user has no usable authenticator and must enrol one (`/mfa/associate`). */
  | 'enrollment_required'
  /** The user already has an active authenticator; challenge it instead of enrolling. */
  | 'already_enrolled'
  /** The application accepts none of the user's authenticator types. */
  | 'unsupported_challenge_type'
  /** Denied, for example by an Action or Rule. */
  | 'access_denied'
  /** The user is blocked. */
  | 'user_blocked'
  /** The refresh token is unknown, revoked or expired; log in again. */
  | 'invalid_refresh_token'
  /** Any other `invalid_grant` (e.g. an invalid or reused authorization code). */
  | 'invalid_grant'
  /** The bearer token (access token or `mfa_token` on a bearer endpoint) was rejected. */
  | 'invalid_token'
  /** The ID token failed validation (signature, issuer, audience, expiry, nonce, ...). */
  | 'id_token_invalid'
  /** The `state` returned to the callback is not the one that was sent. */
  | 'state_mismatch'
  /** No response: DNS, connection refused or reset, offline, CORS. */
  | 'network'
  /** No complete response within `timeoutMs`. */
  | 'timeout'
  /** The caller aborted the request. */
  | 'aborted'
  /** Auth0 (or a proxy in front of it) answered with a 5xx. */
  | 'server'
  /** The response could not be understood (HTML page, empty body, missing fields). */
  | 'invalid_response'
  /** A client secret was configured in code that runs in a browser. */
  | 'insecure_configuration'
  /** Server mode: another tab or request is moving this sign-in forward; the view catches up by itself. */
  | 'flow_busy'
  /** Anything else; inspect `status`, `auth0Error` and `auth0Description`. */
  | 'unknown';

export interface RateLimitInfo {
  /** `x-ratelimit-limit`: bucket size. */
  limit?: number;
  /** `x-ratelimit-remaining`: requests left in the bucket. */
  remaining?: number;
  /** `x-ratelimit-reset`: UNIX time (seconds) when requests are added again. */
  reset?: number;
}

export interface MfaFactor {
  /** e.g. `otp`, `phone`, `email`, `push-notification`, `recovery-code`. */
  type: string;
}

export interface MfaRequirements {
  challenge?: MfaFactor[];
  enroll?: MfaFactor[];
}

/** What an error says beyond its code and message: plain data, safe to serialise and show. */
export interface PasswordlessErrorDetails {
  status?: number;
  auth0Error?: string;
  auth0Description?: string;
  /** Seconds to wait before retrying (429). */
  retryAfter?: number;
  rateLimit?: RateLimitInfo;
  mfaRequirements?: MfaRequirements;
  /** SMS provider error code from `sms_provider_error` (e.g. Twilio `21211`). */
  providerCode?: string;
}

const DETAIL_KEYS = [
  'status',
  'auth0Error',
  'auth0Description',
  'retryAfter',
  'rateLimit',
  'mfaRequirements',
  'providerCode',
] as const satisfies readonly (keyof PasswordlessErrorDetails)[];

/** The details present on `source`, absent ones left out (never `undefined` members). */
export function pickDetails(source: PasswordlessErrorDetails): PasswordlessErrorDetails {
  const details: Record<string, unknown> = {};
  for (const key of DETAIL_KEYS) if (source[key] !== undefined) details[key] = source[key];
  return details as PasswordlessErrorDetails;
}

export interface PasswordlessErrorOptions extends PasswordlessErrorDetails {
  message?: string;
  /** A credential: kept on the error, never enumerable nor serialised. */
  mfaToken?: string;
  cause?: unknown;
}

const defaultMessages: Record<PasswordlessErrorCode, string> = {
  invalid_identifier: 'Please enter a valid email address or phone number.',
  invalid_input: 'That input could not be used. Please try again.',
  flow_discarded: 'Your earlier sign-in could not be resumed. Please start again.',
  invalid_code: 'That code is not correct. Please check it and try again.',
  code_expired: 'This code has expired. Please request a new one.',
  too_many_attempts: 'Too many attempts. Please request a new code.',
  rate_limited: 'Too many requests. Please wait a moment and try again.',
  grant_not_enabled:
    'A required grant type is not enabled for this application (Applications > Advanced > Grant Types).',
  client_auth_required:
    'This application is confidential and must authenticate with its client secret. Call Auth0 from your server, or configure the application as public (Token Endpoint Authentication Method: None).',
  invalid_client: 'The application is not allowed to make this request. Check the client ID and secret.',
  connection_disabled: 'Passwordless login is not available for this application right now.',
  bad_request: 'The request was rejected by the authentication server.',
  mfa_required: 'A second verification step is required.',
  mfa_token_expired: 'The verification session has expired. Please sign in again.',
  invalid_mfa_code: 'That verification code is not correct. Please try again.',
  authorization_pending: 'Waiting for you to approve the notification on your device.',
  slow_down: 'Still waiting for approval on your device.',
  push_rejected: 'The sign-in request was rejected on your device.',
  oob_code_expired: 'The verification request has expired. Please try again.',
  enrollment_required: 'You need to set up a second verification method first.',
  already_enrolled: 'A verification method is already set up for this account.',
  unsupported_challenge_type: 'None of your verification methods can be used with this application.',
  access_denied: 'Access was denied.',
  user_blocked: 'This account is blocked. Please contact support.',
  invalid_refresh_token: 'Your session has ended. Please sign in again.',
  invalid_grant: 'The sign-in request is no longer valid. Please try again.',
  invalid_token: 'Your session is no longer valid. Please sign in again.',
  id_token_invalid: 'The sign-in response could not be verified.',
  state_mismatch: 'The sign-in link does not belong to this session. Please request a new one.',
  network: 'Cannot reach the authentication server. Check your connection and try again.',
  timeout: 'The authentication server took too long to respond. Please try again.',
  aborted: 'The request was cancelled.',
  server: 'The authentication server had a problem. Please try again later.',
  invalid_response: 'The authentication server returned an unexpected response.',
  insecure_configuration: 'A client secret must never be used in a browser.',
  flow_busy: 'This sign-in is being moved forward in another tab or request. One moment, please.',
  unknown: 'Something went wrong. Please try again.',
};

/** The English default message for a code; UIs may localise by code instead. */
export function defaultMessage(code: PasswordlessErrorCode): string {
  return defaultMessages[code];
}

export const PASSWORDLESS_ERROR_CODES = Object.freeze(
  Object.keys(defaultMessages) as PasswordlessErrorCode[],
);

export interface PasswordlessErrorJSON extends PasswordlessErrorDetails {
  name: 'PasswordlessError';
  code: PasswordlessErrorCode;
  message: string;
}

// The details are defined in the constructor (only those present); this merge types them on the
// instance from the one list in PasswordlessErrorDetails, as `declare` fields would, without a copy.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface PasswordlessError extends Readonly<PasswordlessErrorDetails> {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class PasswordlessError extends Error {
  declare readonly name: 'PasswordlessError';
  readonly code: PasswordlessErrorCode;
  /** Non-enumerable and left out of `toJSON()`: it is a credential. */
  declare readonly mfaToken?: string;

  constructor(code: PasswordlessErrorCode, options: PasswordlessErrorOptions = {}) {
    super(
      options.message ?? defaultMessages[code],
      options.cause === undefined ? {} : { cause: options.cause },
    );
    Object.defineProperty(this, 'name', { value: 'PasswordlessError', enumerable: false });
    this.code = code;
    // Defined one by one so that absent details stay absent (no enumerable `undefined` members).
    for (const [key, value] of Object.entries(pickDetails(options))) {
      Object.defineProperty(this, key, { value, enumerable: true });
    }
    if (options.mfaToken !== undefined) {
      Object.defineProperty(this, 'mfaToken', { value: options.mfaToken, enumerable: false });
    }
  }

  toJSON(): PasswordlessErrorJSON {
    return { name: this.name, code: this.code, message: this.message, ...pickDetails(this) };
  }
}

/**
 * Also recognises errors from a second copy of this package (ESM + CJS, or two versions), where
 * `instanceof` fails.
 */
export function isPasswordlessError(
  value: unknown,
  code?: PasswordlessErrorCode,
): value is PasswordlessError {
  const branded =
    value instanceof PasswordlessError ||
    (value instanceof Error &&
      value.name === 'PasswordlessError' &&
      typeof (value as { code?: unknown }).code === 'string');
  return branded && (code === undefined || (value as PasswordlessError).code === code);
}
