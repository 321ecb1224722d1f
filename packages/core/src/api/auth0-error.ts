import { PasswordlessError, defaultMessage } from '../errors.ts';
import type { MfaFactor, MfaRequirements, PasswordlessErrorOptions } from '../errors.ts';
import { classifyAuth0Error, grantNotAllowed, providerCode } from './auth0-error-code.ts';
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
