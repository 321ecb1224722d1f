import type { AssociateResult, ChallengeResult } from '../../api/mfa.ts';
import type { Authenticator } from '../../api/authenticators.ts';
import { compact } from '../../compact.ts';
import { isPasswordlessError } from '../../errors.ts';
import { choosableAuthenticators, newMfaState } from '../chart-context.ts';
import { localError } from '../error-info.ts';
import * as rules from '../rules.ts';
import type { EnrollmentFactor, MfaChallengeState, MfaEnrollment } from '../types.ts';
import { errorOf, mfaOf, update } from './update.ts';

const challengeFrom = (result: ChallengeResult): MfaChallengeState =>
  result.challengeType === 'otp'
    ? { type: 'otp' }
    : { type: result.bindingMethod ? 'oob' : 'push', oobCode: result.oobCode };

/** An enrolment answers with the challenge that confirms it. */
const challengeOf = (result: AssociateResult): ChallengeResult =>
  result.authenticatorType === 'otp'
    ? { challengeType: 'otp' }
    : compact({
        challengeType: 'oob' as const,
        oobCode: result.oobCode,
        bindingMethod: result.bindingMethod,
      });

function enrollmentFrom(result: AssociateResult, factor: EnrollmentFactor): MfaEnrollment {
  const secrets =
    result.authenticatorType === 'otp'
      ? { secret: result.secret, barcodeUri: result.barcodeUri }
      : { oobCode: result.oobCode, barcodeUri: result.barcodeUri };
  return compact({ factor, ...secrets, recoveryCodes: result.recoveryCodes });
}

/** The second factor: authenticators, enrolment and challenges (push polling is in push-actions). */
export const mfaActions = {
  beginMfa: update(({ context, event }) => {
    const thrown = errorOf(event);
    const error = isPasswordlessError(thrown) ? thrown : undefined;
    return { error: null, mfa: newMfaState(context, error?.mfaToken ?? '', error?.mfaRequirements) };
  }),
  recordMfaExpired: update(() => ({
    error: localError('mfa_token_expired', 'The sign-in took too long. Please start again.'),
  })),
  storeAuthenticators: update(({ context }, params: { authenticators: Authenticator[] }) => {
    const mfa = mfaOf(context);
    const hasActiveRecoveryCode = params.authenticators.some(
      (authenticator) => authenticator.type === 'recovery-code' && authenticator.active,
    );
    return {
      mfa: {
        ...mfa,
        authenticators: params.authenticators,
        hasRecoveryCode: mfa.hasRecoveryCode || hasActiveRecoveryCode,
      },
    };
  }),
  selectOnlyAuthenticator: update(({ context }) => {
    const mfa = mfaOf(context);
    return {
      mfa: { ...mfa, selectedAuthenticatorId: choosableAuthenticators(mfa.authenticators)[0]?.id ?? null },
    };
  }),
  selectAuthenticator: update(({ context, event }) =>
    event.type === 'SELECT_AUTHENTICATOR'
      ? { mfa: { ...mfaOf(context), selectedAuthenticatorId: event.authenticatorId }, error: null }
      : {},
  ),
  rejectEnrollment: update(({ context, event }) =>
    event.type === 'ENROLL' ? { error: rules.checkEnrollment(context, event) } : {},
  ),
  storeEnrollment: update(({ context }, params: { result: AssociateResult; factor: EnrollmentFactor }) => ({
    mfa: {
      ...mfaOf(context),
      enrollment: enrollmentFrom(params.result, params.factor),
      challenge: challengeFrom(challengeOf(params.result)),
    },
  })),
  leaveChallenge: update(({ context }) => ({
    error: null,
    mfa: { ...mfaOf(context), challenge: null, enrollment: null, selectedAuthenticatorId: null },
  })),
  setOtpChallenge: update(({ context }) => ({
    mfa: { ...mfaOf(context), challenge: { type: 'otp' } },
  })),
  setRecoveryChallenge: update(({ context }) => ({
    error: null,
    mfa: { ...mfaOf(context), challenge: { type: 'recovery' } },
  })),
  storeChallenge: update(({ context }, params: { result: ChallengeResult }) => ({
    mfa: { ...mfaOf(context), challenge: challengeFrom(params.result) },
  })),
  rejectMfaCodeFormat: update(() => ({ error: localError('invalid_mfa_code', 'Enter the 6-digit code.') })),
  rejectRecoveryFormat: update(() => ({
    error: localError('invalid_mfa_code', 'Enter the recovery code: letters and digits, no spaces.'),
  })),
};
