import type { ChallengeResult } from '../api/mfa.ts';
import { isPasswordlessError, type PasswordlessErrorCode } from '../errors.ts';
import type { ChartArgs } from './actions/update.ts';
import { errorOf } from './actions/update.ts';
import { choosableAuthenticators } from './chart-context.ts';
import * as rules from './rules.ts';

/** The chart's conditions, by name; each reads the context or the event and nothing else. */
export const guards = {
  identifierIsValid: ({ context, event }: ChartArgs) =>
    event.type === 'SUBMIT_IDENTIFIER' && rules.checkIdentifier(context, event).ok,
  resumesPreviousSend: ({ context, event }: ChartArgs) =>
    event.type === 'SUBMIT_IDENTIFIER' && rules.resumesPreviousSend(context, event),
  sendsCode: ({ context }: ChartArgs) => context.send === 'code',
  sendsLink: ({ context }: ChartArgs) => context.send === 'link',
  otpLooksValid: ({ event }: ChartArgs) => event.type === 'SUBMIT_CODE' && rules.otpLooksValid(event.otp),
  codeIsUnusable: ({ context }: ChartArgs) => rules.codeIsUnusable(context),
  resendCooldownOver: ({ context }: ChartArgs) => rules.resendCooldownOver(context),
  errorIs: ({ event }: ChartArgs, params: { codes: readonly PasswordlessErrorCode[] }) => {
    const error = errorOf(event);
    return isPasswordlessError(error) && params.codes.includes(error.code);
  },
  mfaTokenExpired: ({ context }: ChartArgs) => rules.mfaTokenExpired(context),
  mustEnroll: ({ context }: ChartArgs) => rules.mustEnroll(context),
  hasOneAuthenticator: ({ context }: ChartArgs) => rules.hasOneAuthenticator(context),
  authenticatorIsChoosable: ({ context, event }: ChartArgs) =>
    event.type === 'SELECT_AUTHENTICATOR' &&
    choosableAuthenticators(context.mfa?.authenticators ?? []).some(
      (authenticator) => authenticator.id === event.authenticatorId,
    ),
  hasRecoveryCode: ({ context }: ChartArgs) => context.mfa?.hasRecoveryCode === true,
  enrollmentIsValid: ({ context, event }: ChartArgs) =>
    event.type === 'ENROLL' && rules.checkEnrollment(context, event) === null,
  isEnrolling: ({ context }: ChartArgs) => context.mfa?.enrollment != null,
  enrollingFactorIs: ({ context }: ChartArgs, params: { factors: string[] }) =>
    params.factors.includes(context.mfa?.enrollment?.factor ?? ''),
  selectedIsOtp: ({ context }: ChartArgs) => rules.selectedIsOtp(context),
  challengeIs: (_: ChartArgs, params: { result: ChallengeResult; kind: 'otp' | 'push' }) =>
    params.kind === 'otp'
      ? params.result.challengeType === 'otp'
      : params.result.challengeType === 'oob' && params.result.bindingMethod === undefined,
  mfaCodeLooksValid: ({ event }: ChartArgs) =>
    event.type === 'SUBMIT_MFA_CODE' && rules.mfaCodeLooksValid(event.otp),
  recoveryCodeLooksValid: ({ event }: ChartArgs) =>
    event.type === 'SUBMIT_RECOVERY_CODE' && rules.recoveryCodeLooksValid(event.recoveryCode),
  pushPollDue: ({ context }: ChartArgs) => rules.pushPollDue(context),
  refreshDue: ({ context }: ChartArgs) => rules.refreshDue(context),
  rateLimitActive: ({ context }: ChartArgs) => rules.rateLimitActive(context),
  hasRefreshToken: ({ context }: ChartArgs) => Boolean(context.session?.tokens.refreshToken),
  callbackUrlIsText: ({ event }: ChartArgs) =>
    event.type === 'MAGIC_LINK_CALLBACK' && rules.isText(event.callbackUrl),
  isClockReading: ({ event }: ChartArgs) => event.type === 'TICK' && rules.isClockReading(event.now),
};
