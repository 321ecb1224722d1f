import { clearedFlow, randomString } from '../chart-context.ts';
import { localError, toErrorInfo } from '../error-info.ts';
import * as rules from '../rules.ts';
import { errorOf, retryAfterOf, update } from './update.ts';

/** The first factor: identifier, code or link, and the errors on the way there. */
export const flowActions = {
  recordTime: update(({ event }) => (event.type === 'TICK' ? { now: event.now } : {})),
  clearError: update(() => ({ error: null })),
  recordError: update(({ context, event }) => {
    const error = errorOf(event);
    const retryAfter = retryAfterOf(error);
    // A 429 holds for whatever the person asks next, not only for the request that got it.
    return {
      error: toErrorInfo(error),
      retryAt: retryAfter > 0 ? context.now + retryAfter * 1000 : context.retryAt,
    };
  }),
  // A resend's 429 delays only resending (delayResendAfterError); the code sent before still works.
  recordResendError: update(({ event }) => ({ error: toErrorInfo(errorOf(event)) })),
  refuseWhileRateLimited: update(({ context }) => ({ error: rules.stillRateLimited(context) })),
  recordTimeout: update(() => ({
    error: localError('timeout', 'The server did not answer in time. Please try again.'),
  })),
  rememberIdentifier: update(({ context, event }) => {
    if (event.type !== 'SUBMIT_IDENTIFIER') return {};
    const checked = rules.checkIdentifier(context, event);
    if (!checked.ok) return {};
    const { identifier, connection, send } = checked;
    return {
      identifier,
      connection,
      send,
      error: null,
      magicLink: send === 'link' ? { state: randomString(), nonce: randomString() } : null,
    };
  }),
  rejectIdentifier: update(({ context, event }) => {
    if (event.type !== 'SUBMIT_IDENTIFIER') return {};
    const checked = rules.checkIdentifier(context, event);
    if (checked.ok) return {};
    return rules.isText(event.identifier)
      ? { error: checked.error, identifier: event.identifier }
      : { error: checked.error };
  }),
  recordCodeSent: update(({ context }, params: { sentAt: number }) => ({
    now: Math.max(context.now, params.sentAt),
    codeSentAt: params.sentAt,
    codeExpiresAt: params.sentAt + context.config.codeLifetimeSeconds * 1000,
    resendAvailableAt: params.sentAt + context.config.resendCooldownSeconds * 1000,
    attemptsLeft: context.config.maxAttempts,
    error: null,
  })),
  delayResendAfterError: update(({ context, event }) => {
    const waitSeconds = Math.max(retryAfterOf(errorOf(event)), context.config.resendCooldownSeconds);
    return { resendAvailableAt: context.now + waitSeconds * 1000 };
  }),
  rejectCallbackUrl: update(() => ({
    error: localError('invalid_input', 'The sign-in link could not be read. Open it again from the message.'),
  })),
  rejectOtpFormat: update(() => ({
    error: localError('invalid_code', 'Enter the code from the message, digits only.'),
  })),
  countFailedAttempt: update(({ context }) => ({ attemptsLeft: Math.max(0, context.attemptsLeft - 1) })),
  markCodeDead: update(() => ({ attemptsLeft: 0 })),
  resetFlow: update(({ context }) => clearedFlow(context)),
  rejectMagicLinkWithoutTransaction: update(() => ({
    error: localError(
      'state_mismatch',
      'This sign-in link belongs to another browser or an earlier attempt. Request a new one here.',
    ),
  })),
};
