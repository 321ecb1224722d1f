import { isPasswordlessError, PasswordlessError, type PasswordlessErrorCode } from '../errors.ts';
import type { PasswordlessErrorInfo } from './types.ts';

/** Any thrown value as plain error data (never the `mfa_token` a `PasswordlessError` may carry). */
export function toErrorInfo(error: unknown): PasswordlessErrorInfo {
  const typed = isPasswordlessError(error)
    ? error
    : new PasswordlessError('unknown', {
        message: error instanceof Error ? error.message : String(error),
        cause: error,
      });
  const info: PasswordlessErrorInfo = { code: typed.code, message: typed.message };
  if (typed.status !== undefined) info.status = typed.status;
  if (typed.auth0Error !== undefined) info.auth0Error = typed.auth0Error;
  if (typed.auth0Description !== undefined) info.auth0Description = typed.auth0Description;
  if (typed.retryAfter !== undefined) info.retryAfter = typed.retryAfter;
  if (typed.rateLimit !== undefined) info.rateLimit = typed.rateLimit;
  return info;
}

export function localError(code: PasswordlessErrorCode, message: string): PasswordlessErrorInfo {
  return { code, message };
}
