import { validateEmail, validatePhoneNumber } from '../validation.ts';
import type { PasswordlessErrorCode } from '../errors.ts';
import { choosableAuthenticators, selectedAuthenticator } from './context.ts';
import { localError, toErrorInfo } from './errors.ts';
import type {
  Connection,
  EnrollmentFactor,
  PasswordlessContext,
  PasswordlessErrorInfo,
  SendMode,
} from './types.ts';

/** The checks behind the chart's guards, as plain functions so they are tested and reused by the view. */

export type IdentifierCheck =
  | { ok: true; identifier: string; connection: Connection; send: SendMode }
  | { ok: false; error: PasswordlessErrorInfo };

export function checkIdentifier(
  context: PasswordlessContext,
  event: { identifier: string; connection?: Connection; send?: SendMode },
): IdentifierCheck {
  const connection = event.connection ?? context.connection;
  const send = connection === 'sms' ? 'code' : (event.send ?? context.send);
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

export const otpLooksValid = (otp: string) => /^\d{4,10}$/.test(otp.replace(/[\s-]/g, ''));
export const mfaCodeLooksValid = (otp: string) => /^\d{6}$/.test(otp.replace(/[\s-]/g, ''));
export const recoveryCodeLooksValid = (code: string) =>
  /^[A-Za-z0-9]{8,64}$/.test(code.replace(/[\s-]/g, ''));
export const normalizeCode = (code: string) => code.replace(/[\s-]/g, '');

export const codeIsUnusable = (context: PasswordlessContext) =>
  context.attemptsLeft <= 0 || (context.codeExpiresAt !== null && context.now >= context.codeExpiresAt);

export const resendCooldownOver = (context: PasswordlessContext) =>
  context.resendAvailableAt === null || context.now >= context.resendAvailableAt;

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
  event: { factor: EnrollmentFactor; phoneNumber?: string; email?: string },
): PasswordlessErrorInfo | null {
  if (event.factor === 'sms' || event.factor === 'voice') {
    const phone = validatePhoneNumber(event.phoneNumber ?? '');
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

export function refreshDue(context: PasswordlessContext): boolean {
  const tokens = context.session?.tokens;
  if (!tokens?.refreshToken) return false;
  if (context.refreshRetryAt !== null && context.now < context.refreshRetryAt) return false;
  return context.now >= tokens.expiresAt - context.config.refreshLeewaySeconds * 1000;
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
