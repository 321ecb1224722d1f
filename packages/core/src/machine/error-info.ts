import {
  isPasswordlessError,
  pickDetails,
  PasswordlessError,
  type PasswordlessErrorCode,
} from '../errors.ts';
import type { PasswordlessErrorInfo } from './types.ts';

/** Any thrown value as plain error data (never the `mfa_token` a `PasswordlessError` may carry). */
export function toErrorInfo(error: unknown): PasswordlessErrorInfo {
  const typed = isPasswordlessError(error)
    ? error
    : new PasswordlessError('unknown', {
        message: error instanceof Error ? error.message : String(error),
        cause: error,
      });
  // The MFA requirements and an SMS provider's code matter to the chart and logs, not to a UI.
  const { mfaRequirements: _requirements, providerCode: _provider, ...details } = pickDetails(typed);
  return { code: typed.code, message: typed.message, ...details };
}

export function localError(code: PasswordlessErrorCode, message: string): PasswordlessErrorInfo {
  return { code, message };
}
