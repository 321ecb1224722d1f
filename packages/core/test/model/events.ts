import type { AnyStateNode } from 'xstate';
import { getStateNodes } from '@xstate/graph';
import { PasswordlessError, type PasswordlessErrorCode } from '../../src/errors.ts';
import { passwordlessMachine } from '../../src/machine/machine.ts';
import type { PasswordlessEvent, Session } from '../../src/machine/types.ts';

/** The time the model runs at; TICK events are offsets from it. */
export const T = Date.UTC(2030, 0, 1);

const session: Session = {
  tokens: { accessToken: 'a', refreshToken: 'r', idToken: 'i', tokenType: 'Bearer', expiresAt: T + 3600_000 },
  claims: null,
  user: null,
};

const done = (id: string, output: unknown) => ({ type: `xstate.done.actor.${id}`, output });
const failed = (id: string, code: PasswordlessErrorCode, extra: Record<string, unknown> = {}) => ({
  type: `xstate.error.actor.${id}`,
  error: new PasswordlessError(code, extra),
});

const authenticators = {
  one: [{ id: 'totp|dev_1', type: 'otp', authenticatorType: 'otp', active: true }],
  several: [
    { id: 'totp|dev_1', type: 'otp', authenticatorType: 'otp', active: true },
    { id: 'sms|dev_2', type: 'phone', authenticatorType: 'oob', oobChannel: 'sms', active: true },
    { id: 'recovery-code|dev_3', type: 'recovery-code', authenticatorType: 'recovery-code', active: true },
  ],
};

/** Delayed transitions (`after`), named the way XState sends them. */
const delayedEvents = getStateNodes(passwordlessMachine.root).flatMap((node: AnyStateNode) =>
  node.after.map((transition) => ({ type: transition.eventType })),
);

/**
 * Every event the chart can meet, with payloads that take each guarded branch: what people do, the
 * clock, and each Auth0 call finishing or failing the ways that matter.
 */
export const modelEvents = [
  { type: 'SUBMIT_IDENTIFIER', identifier: 'a@b.co' },
  { type: 'SUBMIT_IDENTIFIER', identifier: 'a@b.co', send: 'link' },
  { type: 'SUBMIT_IDENTIFIER', identifier: 'nope' },
  { type: 'SUBMIT_CODE', otp: '123456' },
  { type: 'SUBMIT_CODE', otp: 'x' },
  { type: 'RESEND' },
  { type: 'CHANGE_IDENTIFIER' },
  { type: 'MAGIC_LINK_CALLBACK', callbackUrl: 'https://app.test/callback?code=c&state=s' },
  { type: 'SELECT_AUTHENTICATOR', authenticatorId: 'sms|dev_2' },
  { type: 'ENROLL', factor: 'otp' },
  { type: 'ENROLL', factor: 'push' },
  { type: 'ENROLL', factor: 'sms', phoneNumber: '+15555550100' },
  { type: 'ENROLL', factor: 'sms', phoneNumber: 'bad' },
  { type: 'SUBMIT_MFA_CODE', otp: '123456' },
  { type: 'SUBMIT_MFA_CODE', otp: '1' },
  { type: 'USE_RECOVERY_CODE' },
  { type: 'SUBMIT_RECOVERY_CODE', recoveryCode: 'ABCDEFGHJKLMNPQR' },
  { type: 'SUBMIT_RECOVERY_CODE', recoveryCode: '!' },
  { type: 'RETRY' },
  { type: 'BACK' },
  { type: 'CANCEL' },
  { type: 'LOGOUT' },
  { type: 'REFRESH' },
  { type: 'ACKNOWLEDGE_RECOVERY_CODE' },
  { type: 'TICK', now: T + 31_000 },
  { type: 'TICK', now: T + 3_600_000 },
  { type: 'TICK', now: T + 100_000_000 },
  done('startPasswordless', { sentAt: T }),
  failed('startPasswordless', 'rate_limited', { retryAfter: 60 }),
  done('exchangeOtp', session),
  failed('exchangeOtp', 'mfa_required', { mfaToken: 'm' }),
  failed('exchangeOtp', 'mfa_required', {
    mfaToken: 'm',
    mfaRequirements: { challenge: [{ type: 'recovery-code' }] },
  }),
  failed('exchangeOtp', 'invalid_code'),
  failed('exchangeOtp', 'code_expired'),
  failed('exchangeOtp', 'network'),
  done('findSharedLink', {
    state: 's',
    nonce: 'n',
    identifier: 'a@b.co',
    codeSentAt: T,
    codeExpiresAt: T + 180_000,
    callbackUrl: 'https://app.test/callback?code=c&state=s',
  }),
  failed('findSharedLink', 'state_mismatch'),
  { type: 'MAGIC_LINK_USED_ELSEWHERE' },
  done('exchangeMagicLinkCode', session),
  failed('exchangeMagicLinkCode', 'mfa_required', { mfaToken: 'm' }),
  failed('exchangeMagicLinkCode', 'code_expired'),
  failed('exchangeMagicLinkCode', 'state_mismatch'),
  done('listAuthenticators', authenticators.one),
  done('listAuthenticators', authenticators.several),
  done('listAuthenticators', []),
  failed('listAuthenticators', 'network'),
  failed('listAuthenticators', 'mfa_token_expired'),
  done('associateAuthenticator', { authenticatorType: 'otp', secret: 'S', barcodeUri: 'otpauth://x' }),
  done('associateAuthenticator', {
    authenticatorType: 'oob',
    oobChannel: 'auth0',
    oobCode: 'o',
    barcodeUri: 'otpauth://y',
  }),
  done('associateAuthenticator', {
    authenticatorType: 'oob',
    oobChannel: 'sms',
    oobCode: 'o',
    bindingMethod: 'prompt',
  }),
  failed('associateAuthenticator', 'already_enrolled'),
  failed('associateAuthenticator', 'mfa_token_expired'),
  done('requestChallenge', { challengeType: 'otp' }),
  done('requestChallenge', { challengeType: 'oob', oobCode: 'o', bindingMethod: 'prompt' }),
  done('requestChallenge', { challengeType: 'oob', oobCode: 'o' }),
  failed('requestChallenge', 'network'),
  failed('requestChallenge', 'mfa_token_expired'),
  done('verifyMfaOtp', session),
  failed('verifyMfaOtp', 'invalid_mfa_code'),
  failed('verifyMfaOtp', 'mfa_token_expired'),
  done('verifyMfaOob', session),
  failed('verifyMfaOob', 'invalid_mfa_code'),
  failed('verifyMfaOob', 'authorization_pending'),
  failed('verifyMfaOob', 'slow_down'),
  failed('verifyMfaOob', 'push_rejected'),
  failed('verifyMfaOob', 'network'),
  failed('verifyMfaOob', 'mfa_token_expired'),
  done('verifyRecoveryCode', { ...session, newRecoveryCode: 'NEW' }),
  failed('verifyRecoveryCode', 'invalid_mfa_code'),
  failed('verifyRecoveryCode', 'mfa_token_expired'),
  done('refreshSession', session),
  failed('refreshSession', 'invalid_refresh_token'),
  failed('refreshSession', 'network'),
  done('revokeSession', undefined),
  failed('revokeSession', 'network'),
  failed('revokeSession', 'invalid_grant'),
  done('retryRevocation', undefined),
  failed('retryRevocation', 'network'),
  ...delayedEvents,
] as unknown as PasswordlessEvent[];
