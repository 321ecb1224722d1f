import { validateEmail, validatePhoneNumber } from '../validation.ts';
import type { PasswordlessErrorCode } from '../errors.ts';
import { choosableAuthenticators, selectedAuthenticator } from './chart-context.ts';
import { localError, toErrorInfo } from './error-info.ts';
import type {
  Connection,
  EnrollmentFactor,
  PasswordlessContext,
  PasswordlessErrorInfo,
  SendMode,
} from './types.ts';

/** The checks behind the chart's guards, as plain functions so they are tested and reused by the view. */

// Events may come from anywhere (a server's request body, a devtools console), so every payload is
// checked as untrusted: a wrong type or an unknown option is an error in context, never a throw.

const connections: readonly unknown[] = ['email', 'sms'] satisfies Connection[];
const sendModes: readonly unknown[] = ['code', 'link'] satisfies SendMode[];
const enrollmentFactors: readonly unknown[] = [
  'otp',
  'sms',
  'voice',
  'email',
  'push',
] satisfies EnrollmentFactor[];

const unknownOption = (what: string) => localError('invalid_input', `Unknown ${what}.`);

export type IdentifierCheck =
  | { ok: true; identifier: string; connection: Connection; send: SendMode }
  | { ok: false; error: PasswordlessErrorInfo };

export function checkIdentifier(
  context: PasswordlessContext,
  event: { identifier: unknown; connection?: unknown; send?: unknown },
): IdentifierCheck {
  if (event.connection !== undefined && !connections.includes(event.connection)) {
    return { ok: false, error: unknownOption('connection: use "email" or "sms"') };
  }
  if (event.send !== undefined && !sendModes.includes(event.send)) {
    return { ok: false, error: unknownOption('send mode: use "code" or "link"') };
  }
  const connection = (event.connection as Connection | undefined) ?? context.connection;
  const send = connection === 'sms' ? 'code' : ((event.send as SendMode | undefined) ?? context.send);
  const result =
    connection === 'email' ? validateEmail(event.identifier) : validatePhoneNumber(event.identifier);
  if (!result.ok) return { ok: false, error: toErrorInfo(result.error) };
  if (send === 'link' && !context.config.redirectUri) {
    return {
      ok: false,
      error: localError(
        'bad_request',
        'Magic links need `redirectUri` in the configuration; send a code instead.',
      ),
    };
  }
  // Auth0 stores passwordless e-mail identities in lower case.
  const identifier = connection === 'email' ? result.value.toLowerCase() : result.value;
  return { ok: true, identifier, connection, send };
}

/** Spaces and dashes people type or paste removed; anything but a string becomes ''. */
export const normalizeCode = (code: unknown) => (typeof code === 'string' ? code.replace(/[\s-]/g, '') : '');
export const otpLooksValid = (otp: unknown) => /^\d{4,10}$/.test(normalizeCode(otp));
export const mfaCodeLooksValid = (otp: unknown) => /^\d{6}$/.test(normalizeCode(otp));
export const recoveryCodeLooksValid = (code: unknown) => /^[A-Za-z0-9]{8,64}$/.test(normalizeCode(code));

/** A clock reading from `TICK`: a finite number, or it is ignored (no NaN countdowns). */
export const isClockReading = (now: unknown): now is number =>
  typeof now === 'number' && Number.isFinite(now);

export const isText = (value: unknown): value is string => typeof value === 'string';

export const codeIsUnusable = (context: PasswordlessContext) =>
  context.attemptsLeft <= 0 || (context.codeExpiresAt !== null && context.now >= context.codeExpiresAt);

/**
 * Resending is open once the cooldown is over, or at once when the code can no longer be used
 * (expired, or out of attempts): waiting then helps no one. A server's Retry-After still holds.
 */
export const resendCooldownOver = (context: PasswordlessContext) =>
  context.resendAvailableAt === null ||
  context.now >= context.resendAvailableAt ||
  (codeIsUnusable(context) && (context.resendRetryAt === null || context.now >= context.resendRetryAt));

/**
 * The same address again, after "use a different address", while the code sent to it still works
 * and its cooldown runs: the person gets that code back rather than a new one, so the cooldown
 * belongs to the address, not to the screen.
 */
export function resumesPreviousSend(
  context: PasswordlessContext,
  event: { identifier: unknown; connection?: unknown; send?: unknown },
): boolean {
  const previous = context.device.previousSend;
  if (!previous) return false;
  const checked = checkIdentifier(context, event);
  return (
    checked.ok &&
    checked.identifier === previous.identifier &&
    checked.connection === previous.connection &&
    checked.send === previous.send &&
    previous.resendAvailableAt !== null &&
    context.now < previous.resendAvailableAt &&
    previous.attemptsLeft > 0 &&
    (previous.codeExpiresAt === null || context.now < previous.codeExpiresAt)
  );
}

export const mfaTokenExpired = (context: PasswordlessContext) =>
  context.mfa !== null && context.now >= context.mfa.expiresAt;

/** Enrol when no factor can be challenged, or when Auth0's requirements ask only for enrolment. */
export const mustEnroll = (context: PasswordlessContext) =>
  choosableAuthenticators(context.mfa?.authenticators ?? []).length === 0 ||
  (context.mfa !== null && context.mfa.enrollTypes.length > 0 && context.mfa.challengeTypes.length === 0);

export const hasOneAuthenticator = (context: PasswordlessContext) =>
  choosableAuthenticators(context.mfa?.authenticators ?? []).length === 1;

export const selectedIsOtp = (context: PasswordlessContext) => selectedAuthenticator(context)?.type === 'otp';

export function checkEnrollment(
  context: PasswordlessContext,
  event: { factor: unknown; phoneNumber?: unknown; email?: unknown },
): PasswordlessErrorInfo | null {
  if (!enrollmentFactors.includes(event.factor)) {
    return unknownOption('factor: use "otp", "sms", "voice", "email" or "push"');
  }
  if (event.factor === 'sms' || event.factor === 'voice') {
    const phone = validatePhoneNumber(event.phoneNumber);
    return phone.ok ? null : toErrorInfo(phone.error);
  }
  if (event.factor === 'email') {
    const email = validateEmail(event.email ?? context.identifier);
    return email.ok ? null : toErrorInfo(email.error);
  }
  return null;
}

export const pushPollDue = (context: PasswordlessContext) =>
  context.now >= (context.mfa?.challenge?.nextPollAt ?? 0);

export const rateLimitActive = (context: PasswordlessContext) =>
  context.device.retryAt !== null && context.now < context.device.retryAt;

/** What a request refused locally during a 429's `Retry-After` says: how long is left. */
export function stillRateLimited(context: PasswordlessContext): PasswordlessErrorInfo {
  const retryAfter = Math.max(1, Math.ceil(((context.device.retryAt ?? context.now) - context.now) / 1000));
  return {
    ...localError('rate_limited', `Too many attempts. Please wait ${retryAfter} s and try again.`),
    retryAfter,
  };
}

export const refreshDue = (context: PasswordlessContext) =>
  Boolean(context.session?.tokens.refreshToken) &&
  context.refresh !== null &&
  context.now >= context.refresh.at;

/** No session refreshes itself more often than this, however short its tokens live. */
export const MIN_REFRESH_INTERVAL_MS = 5_000;
const MAX_REFRESH_BACKOFF_MS = 5 * 60_000;

/**
 * When to refresh a token received at `now`: `refreshLeewaySeconds` before it expires, but never
 * before half its lifetime has passed, nor sooner than 5 s; so a token that lives shorter than the
 * leeway is not due the moment it arrives.
 */
export function plannedRefreshAt(context: PasswordlessContext, expiresAt: number): number {
  const lifetime = Math.max(0, expiresAt - context.now);
  const early = lifetime - context.config.refreshLeewaySeconds * 1000;
  return context.now + Math.max(early, lifetime / 2, MIN_REFRESH_INTERVAL_MS);
}

/** After the `failures`-th failed refresh in a row: 5 s, 10 s, 20 s … up to 5 min, or Retry-After if longer. */
export function refreshRetryAt(
  context: PasswordlessContext,
  failures: number,
  retryAfterSeconds = 0,
): number {
  const backoff = Math.min(MIN_REFRESH_INTERVAL_MS * 2 ** Math.max(0, failures - 1), MAX_REFRESH_BACKOFF_MS);
  return context.now + Math.max(backoff, retryAfterSeconds * 1000);
}

export const transientCodes: PasswordlessErrorCode[] = [
  'network',
  'timeout',
  'server',
  'invalid_response',
  'rate_limited',
];
export const sessionGoneCodes: PasswordlessErrorCode[] = [
  'invalid_refresh_token',
  'invalid_grant',
  'access_denied',
  'user_blocked',
  'mfa_required',
  'invalid_client',
];
