import type { PasswordlessActionName, PasswordlessView } from '../machine/view.ts';

/** Every action refused: while a request is in flight, or before the server has said where the flow is. */
export const noActions: Readonly<Record<PasswordlessActionName, boolean>> = {
  submitIdentifier: false,
  submitCode: false,
  resend: false,
  changeIdentifier: false,
  handleMagicLinkCallback: false,
  selectAuthenticator: false,
  enroll: false,
  submitMfaCode: false,
  useRecoveryCode: false,
  submitRecoveryCode: false,
  retry: false,
  back: false,
  cancel: false,
  logout: false,
  refresh: false,
  acknowledgeRecoveryCode: false,
};

/**
 * The view before the server's first answer (and what a server render shows): the first step, with
 * nothing allowed yet, because the flow may already be further along in this browser's cookie.
 */
export const loadingView: PasswordlessView = {
  step: 'identify',
  busy: false,
  connection: 'email',
  send: 'code',
  identifier: '',
  error: null,
  attemptsLeft: 0,
  codeExpired: false,
  secondsUntilResend: 0,
  secondsUntilExpiry: null,
  mfa: null,
  user: null,
  claims: null,
  session: null,
  newRecoveryCode: null,
  logoutIncomplete: false,
  can: noActions,
};
