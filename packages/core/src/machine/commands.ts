import type { Connection, EnrollmentFactor, PasswordlessEvent, SendMode } from './types.ts';
import type { PasswordlessActionName } from './view.ts';

/** Typed commands for a running chart; adapters hand these to components as they are. */
export interface PasswordlessActions extends Record<PasswordlessActionName, (...args: never[]) => void> {
  submitIdentifier(identifier: string, options?: { connection?: Connection; send?: SendMode }): void;
  submitCode(otp: string): void;
  resend(): void;
  changeIdentifier(): void;
  /** Pass the full URL the magic link landed on (query or fragment). */
  handleMagicLinkCallback(callbackUrl: string): void;
  selectAuthenticator(authenticatorId: string): void;
  enroll(factor: EnrollmentFactor, details?: { phoneNumber?: string; email?: string }): void;
  /** The TOTP from an authenticator app, or the code sent by SMS, voice or e-mail. */
  submitMfaCode(otp: string): void;
  useRecoveryCode(): void;
  submitRecoveryCode(recoveryCode: string): void;
  retry(): void;
  back(): void;
  cancel(): void;
  logout(): void;
  refresh(): void;
  acknowledgeRecoveryCode(): void;
}

export function createPasswordlessActions(send: (event: PasswordlessEvent) => void): PasswordlessActions {
  return {
    submitIdentifier: (identifier, options = {}) =>
      send({ type: 'SUBMIT_IDENTIFIER', identifier, ...options }),
    submitCode: (otp) => send({ type: 'SUBMIT_CODE', otp }),
    resend: () => send({ type: 'RESEND' }),
    changeIdentifier: () => send({ type: 'CHANGE_IDENTIFIER' }),
    handleMagicLinkCallback: (callbackUrl) => send({ type: 'MAGIC_LINK_CALLBACK', callbackUrl }),
    selectAuthenticator: (authenticatorId) => send({ type: 'SELECT_AUTHENTICATOR', authenticatorId }),
    enroll: (factor, details = {}) => send({ type: 'ENROLL', factor, ...details }),
    submitMfaCode: (otp) => send({ type: 'SUBMIT_MFA_CODE', otp }),
    useRecoveryCode: () => send({ type: 'USE_RECOVERY_CODE' }),
    submitRecoveryCode: (recoveryCode) => send({ type: 'SUBMIT_RECOVERY_CODE', recoveryCode }),
    retry: () => send({ type: 'RETRY' }),
    back: () => send({ type: 'BACK' }),
    cancel: () => send({ type: 'CANCEL' }),
    logout: () => send({ type: 'LOGOUT' }),
    refresh: () => send({ type: 'REFRESH' }),
    acknowledgeRecoveryCode: () => send({ type: 'ACKNOWLEDGE_RECOVERY_CODE' }),
  };
}
