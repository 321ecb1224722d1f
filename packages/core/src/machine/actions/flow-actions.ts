import { clearedFlow, randomString } from '../chart-context.ts';
import { localError, toErrorInfo } from '../error-info.ts';
import type { SharedLink } from '../link-sharing.ts';
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
      device:
        retryAfter > 0 ? { ...context.device, retryAt: context.now + retryAfter * 1000 } : context.device,
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
      notice: null,
      magicLink: send === 'link' ? { state: randomString(), nonce: randomString() } : null,
    };
  }),
  rememberSend: update(({ context }) => ({
    device: {
      ...context.device,
      previousSend:
        context.codeSentAt === null
          ? null
          : {
              identifier: context.identifier,
              connection: context.connection,
              send: context.send,
              codeSentAt: context.codeSentAt,
              codeExpiresAt: context.codeExpiresAt,
              resendAvailableAt: context.resendAvailableAt,
              attemptsLeft: context.attemptsLeft,
              sends: context.sends,
              magicLink: context.magicLink,
            },
    },
  })),
  resumePreviousSend: update(({ context }) => {
    const { previousSend: previous } = context.device;
    if (!previous) return {};
    const { identifier, connection, send, codeSentAt, codeExpiresAt, resendAvailableAt } = previous;
    return {
      ...{ identifier, connection, send, codeSentAt, codeExpiresAt, resendAvailableAt },
      attemptsLeft: previous.attemptsLeft,
      sends: previous.sends,
      magicLink: previous.magicLink,
      device: { ...context.device, previousSend: null },
      error: null,
      notice: null,
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
    sends: context.sends + 1,
    resendRetryAt: null,
    error: null,
  })),
  delayResendAfterError: update(({ context, event }) => {
    const retryAfter = retryAfterOf(errorOf(event));
    const waitSeconds = Math.max(retryAfter, context.config.resendCooldownSeconds);
    return {
      resendAvailableAt: context.now + waitSeconds * 1000,
      resendRetryAt: retryAfter > 0 ? context.now + retryAfter * 1000 : null,
    };
  }),
  // Auth0 answers an old code after a resend only with "wrong code": say which one works.
  recordWrongCode: update(({ context, event }) => {
    const error = toErrorInfo(errorOf(event));
    return {
      error:
        context.sends > 1
          ? {
              ...error,
              message: 'That code is not correct. Only the newest code works: use the latest message.',
            }
          : error,
    };
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
      'This sign-in link belongs to another browser or an earlier attempt. Open it where you asked for it, or request a new one here.',
    ),
  })),
  adoptSharedLink: update(({ context }, params: { link: SharedLink }) => {
    const { link } = params;
    return {
      identifier: link.identifier,
      connection: 'email',
      send: 'link',
      magicLink: { state: link.state, nonce: link.nonce },
      codeSentAt: link.codeSentAt,
      codeExpiresAt: link.codeExpiresAt,
      resendAvailableAt: link.codeSentAt + context.config.resendCooldownSeconds * 1000,
      attemptsLeft: context.config.maxAttempts,
      sends: 1,
      error: null,
      notice: null,
    };
  }),
  noteLinkOpenedElsewhere: update(() => ({ notice: 'link_opened_elsewhere' })),
};
