import { PasswordlessError, defaultMessage } from '../errors.ts';
import type {
  MfaFactor,
  MfaRequirements,
  PasswordlessErrorCode,
  PasswordlessErrorOptions,
} from '../errors.ts';
import {
  grantDashboardName,
  GRANT_MFA_OOB,
  GRANT_MFA_OTP,
  GRANT_MFA_RECOVERY_CODE,
  GRANT_PASSWORDLESS_OTP,
} from './grants.ts';
import { readRateLimit, readRetryAfter } from './rate-limit.ts';
import { isWireObject, optionalString } from './wire.ts';
import type { WireObject } from './wire.ts';

/** An Auth0 error body, whichever of the two shapes it came in. */
export interface Auth0ErrorBody {
  error: string;
  description?: string;
  raw: WireObject;
}

/** `{error, error_description}`, or the legacy `{code, description}` that every Auth0 SDK still accepts. */
export function readAuth0ErrorBody(body: unknown): Auth0ErrorBody | undefined {
  if (!isWireObject(body)) return undefined;
  const error = optionalString(body, 'error') ?? optionalString(body, 'code');
  if (error === undefined || error === '') return undefined;
  const description = optionalString(body, 'error_description') ?? optionalString(body, 'description');
  return description === undefined ? { error, raw: body } : { error, description, raw: body };
}

// Exact strings that Auth0's SDKs match on (notes §2.3, §4.2, §4.3, §5.5).
const wrongCode = /^Wrong (?:email|phone number) or verification code\.$/;
const codeExpired = 'The verification code has expired. Please try to login again.';
const maxAttempts = "You've reached the maximum number of attempts. Please try to login again.";
const pushRejected = 'MFA Authorization rejected.';
const grantNotAllowed = /^Grant type '([^']+)' not allowed/;
const twilioInvalidNumber = '21211';

function describes(description: string | undefined, pattern: RegExp | string): boolean {
  if (description === undefined) return false;
  return typeof pattern === 'string' ? description.trim() === pattern : pattern.test(description.trim());
}

export function classifyAuth0Error(
  status: number,
  error: string,
  description?: string,
): PasswordlessErrorCode {
  if (error === 'mfa_required') return 'mfa_required';
  // The passwordless grant's status and `error` for these are unconfirmed; the descriptions are not.
  if (describes(description, wrongCode)) return 'invalid_code';
  if (describes(description, codeExpired)) return 'code_expired';
  if (describes(description, maxAttempts)) return 'too_many_attempts';
  if (error === 'blocked_user' || describes(description, /^user is blocked\.?$/i)) return 'user_blocked';
  if (describes(description, pushRejected)) return 'push_rejected';
  if (describes(description, /already enrolled/i)) return 'already_enrolled';
  if (
    describes(
      description,
      /^(?:mfa_token is expired|Malformed mfa_token|mfa_token not issued to this client)/,
    )
  ) {
    return 'mfa_token_expired';
  }

  switch (error) {
    case 'too_many_attempts':
      return 'too_many_attempts';
    case 'too_many_requests':
      return 'rate_limited';
    case 'unauthorized_client':
      if (describes(description, grantNotAllowed)) return 'grant_not_enabled';
      if (describes(description, /^Client authentication is required/)) return 'client_auth_required';
      return 'invalid_client';
    case 'invalid_client':
      return 'invalid_client';
    case 'access_denied':
      // node-auth0#582: a wrong client secret on /oauth/token is 401 access_denied "Unauthorized".
      return status === 401 && describes(description, 'Unauthorized') ? 'invalid_client' : 'access_denied';
    case 'unauthorized':
    case 'insufficient_scope':
      return 'access_denied';
    case 'expired_token':
      return describes(description, /oob_code/) ? 'oob_code_expired' : 'mfa_token_expired';
    case 'invalid_grant':
      if (describes(description, /^Invalid (?:otp_code|binding_code)\.?$/)) return 'invalid_mfa_code';
      if (describes(description, /recovery[ _]code/i)) return 'invalid_mfa_code';
      if (describes(description, /refresh[ _]token/i)) return 'invalid_refresh_token';
      return 'invalid_grant';
    case 'authorization_pending':
    case 'slow_down':
    case 'unsupported_challenge_type':
    case 'invalid_token':
      return error;
    case 'association_required':
      return 'enrollment_required';
    case 'enrollment_conflict':
      return 'already_enrolled';
    case 'bad.connection':
      return 'connection_disabled';
    case 'bad.email':
    case 'bad.phone_number':
      return 'invalid_identifier';
    case 'sms_provider_error':
      return providerCode(description) === twilioInvalidNumber ? 'invalid_identifier' : 'bad_request';
    case 'server_error':
    case 'temporarily_unavailable':
      return 'server';
    case 'invalid_request':
    case 'invalid_scope':
    case 'unsupported_grant_type':
    case 'unsupported_response_type':
      return 'bad_request';
  }
  if (error.startsWith('bad.')) return 'bad_request';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  return 'unknown';
}

function providerCode(description: string | undefined): string | undefined {
  return description === undefined ? undefined : /\(Code: (\w+)\)\s*$/.exec(description)?.[1];
}

function readFactors(value: unknown): MfaFactor[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.flatMap((item): MfaFactor[] =>
    isWireObject(item) && typeof item.type === 'string' ? [{ type: item.type }] : [],
  );
}

function readMfaRequirements(value: unknown): MfaRequirements | undefined {
  if (!isWireObject(value)) return undefined;
  const requirements: MfaRequirements = {};
  const challenge = readFactors(value.challenge);
  const enroll = readFactors(value.enroll);
  if (challenge) requirements.challenge = challenge;
  if (enroll) requirements.enroll = enroll;
  return requirements;
}

function waitMessage(seconds: number | undefined): string {
  if (seconds === undefined || seconds <= 0) return defaultMessage('rate_limited');
  const when =
    seconds < 120
      ? `${seconds} second${seconds === 1 ? '' : 's'}`
      : `about ${Math.ceil(seconds / 60)} minutes`;
  return `Too many requests. Please try again in ${when}.`;
}

function grantMessage(description: string | undefined): string {
  const grant = description === undefined ? undefined : grantNotAllowed.exec(description.trim())?.[1];
  if (grant === undefined) return defaultMessage('grant_not_enabled');
  const label = grantDashboardName(grant);
  const named = label === undefined ? `"${grant}"` : `"${label}" (${grant})`;
  const enable = `Enable it in the Auth0 Dashboard: Applications > (your application) > Advanced Settings > Grant Types.`;
  // Auth0 offers neither grant to Single Page Applications at all: the usual cause, and not fixable there.
  if (spaRefusedGrants.has(grant)) {
    return `The ${named} grant type is not allowed for this application. Auth0 does not allow it for Single Page Applications: use a Native application in the browser, or a Regular Web Application with @passwordless-xstate/server. For another application type: ${enable}`;
  }
  return `The ${named} grant type is not enabled for this application. ${enable}`;
}

const spaRefusedGrants = new Set([
  GRANT_PASSWORDLESS_OTP,
  GRANT_MFA_OTP,
  GRANT_MFA_OOB,
  GRANT_MFA_RECOVERY_CODE,
]);

export interface HttpErrorContext {
  status: number;
  headers: Headers;
  nowMs: number;
}

/** Builds the error for a response that carried an Auth0 error body. */
export function fromAuth0Error(body: Auth0ErrorBody, context: HttpErrorContext): PasswordlessError {
  const { status, headers, nowMs } = context;
  const code = classifyAuth0Error(status, body.error, body.description);
  const options: PasswordlessErrorOptions = { status, auth0Error: body.error };
  if (body.description !== undefined) options.auth0Description = body.description;

  const rateLimit = readRateLimit(headers);
  if (rateLimit) options.rateLimit = rateLimit;
  if (status === 429 || code === 'rate_limited') {
    const retryAfter = readRetryAfter(headers, nowMs);
    if (retryAfter !== undefined) options.retryAfter = retryAfter;
  }

  if (code === 'mfa_required') {
    const mfaToken = optionalString(body.raw, 'mfa_token');
    if (mfaToken === undefined || mfaToken === '') {
      return new PasswordlessError('invalid_response', {
        ...options,
        message: 'The authentication server asked for MFA but sent no mfa_token.',
      });
    }
    options.mfaToken = mfaToken;
    const requirements = readMfaRequirements(body.raw.mfa_requirements);
    if (requirements) options.mfaRequirements = requirements;
  }
  if (code === 'rate_limited') options.message = waitMessage(options.retryAfter);
  if (code === 'grant_not_enabled') options.message = grantMessage(body.description);
  const provider = body.error === 'sms_provider_error' ? providerCode(body.description) : undefined;
  if (provider !== undefined) options.providerCode = provider;
  return new PasswordlessError(code, options);
}

/** A 429 without an Auth0 body (e.g. from a gateway): still a rate limit, with whatever headers came. */
export function rateLimitedError(context: HttpErrorContext): PasswordlessError {
  const options: PasswordlessErrorOptions = { status: context.status };
  const rateLimit = readRateLimit(context.headers);
  const retryAfter = readRetryAfter(context.headers, context.nowMs);
  if (rateLimit) options.rateLimit = rateLimit;
  if (retryAfter !== undefined) options.retryAfter = retryAfter;
  options.message = waitMessage(retryAfter);
  return new PasswordlessError('rate_limited', options);
}

/** Bearer endpoints may answer 401 with `WWW-Authenticate: Bearer error="…"` and a non-JSON body. */
export function readWwwAuthenticate(headers: Headers): Auth0ErrorBody | undefined {
  const header = headers.get('www-authenticate');
  if (!header) return undefined;
  const params: WireObject = {};
  for (const match of header.matchAll(/(\w+)="([^"]*)"/g)) params[match[1] as string] = match[2];
  return readAuth0ErrorBody(params);
}
