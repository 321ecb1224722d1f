import { and, assign, not, setup } from 'xstate';
import type { AssociateResult, ChallengeResult } from '../api/mfa.ts';
import { isPasswordlessError, type PasswordlessErrorCode } from '../errors.ts';
import type { Authenticator } from '../api/authenticators.ts';
import { answeredAtOf, createPasswordlessActors } from './actors.ts';
import {
  choosableAuthenticators,
  clearedFlow,
  initialContext,
  newMfaState,
  randomString,
} from './context.ts';
import { defaultClientFor } from './default-client.ts';
import { localError, toErrorInfo } from './errors.ts';
import * as rules from './rules.ts';
import { mergeRefreshed } from './session.ts';
import type {
  EnrollmentFactor,
  PasswordlessContext,
  PasswordlessEvent,
  PasswordlessInput,
  Session,
} from './types.ts';

const errorCodeIs = (error: unknown, codes: readonly PasswordlessErrorCode[]) =>
  isPasswordlessError(error) && codes.includes(error.code);

/** The error of an `xstate.error.actor.*` event; setup's action types only know the chart's own events. */
const errorOf = (event: unknown): unknown => (event as { error?: unknown }).error;

/** Seconds a 429 asked us to wait (`Retry-After`), or 0. */
const retryAfterOf = (error: unknown): number =>
  isPasswordlessError(error) && error.retryAfter !== undefined ? error.retryAfter : 0;

const mfaOf = (context: PasswordlessContext) => {
  if (!context.mfa) throw new Error('passwordlessMachine: no MFA transaction in this state');
  return context.mfa;
};

/** The magic link's nonce for the MFA grants' ID token, when the first factor was a link. */
const linkNonceOf = (context: PasswordlessContext) =>
  context.magicLink ? { linkNonce: context.magicLink.nonce } : {};

/**
 * The whole embedded passwordless flow: identify → sent → verifying → (mfa_required → challenge) →
 * authenticated. One static definition so Stately's editor and inspector can read it; swap the
 * actors with `.provide()` (tests) or `createPasswordlessMachine()` (confidential clients).
 */
export const passwordlessMachine = setup({
  types: {
    context: {} as PasswordlessContext,
    events: {} as PasswordlessEvent,
    input: {} as PasswordlessInput,
    tags: {} as 'busy' | 'code_expired',
  },
  actors: createPasswordlessActors(defaultClientFor),
  guards: {
    identifierIsValid: ({ context, event }) =>
      event.type === 'SUBMIT_IDENTIFIER' && rules.checkIdentifier(context, event).ok,
    sendsCode: ({ context }) => context.send === 'code',
    sendsLink: ({ context }) => context.send === 'link',
    otpLooksValid: ({ event }) => event.type === 'SUBMIT_CODE' && rules.otpLooksValid(event.otp),
    codeIsUnusable: ({ context }) => rules.codeIsUnusable(context),
    resendCooldownOver: ({ context }) => rules.resendCooldownOver(context),
    errorIs: ({ event }, params: { codes: PasswordlessErrorCode[] }) =>
      errorCodeIs(errorOf(event), params.codes),
    mfaTokenExpired: ({ context }) => rules.mfaTokenExpired(context),
    mustEnroll: ({ context }) => rules.mustEnroll(context),
    hasOneAuthenticator: ({ context }) => rules.hasOneAuthenticator(context),
    authenticatorIsChoosable: ({ context, event }) =>
      event.type === 'SELECT_AUTHENTICATOR' &&
      choosableAuthenticators(context.mfa?.authenticators ?? []).some(
        (authenticator) => authenticator.id === event.authenticatorId,
      ),
    hasRecoveryCode: ({ context }) => context.mfa?.hasRecoveryCode === true,
    enrollmentIsValid: ({ context, event }) =>
      event.type === 'ENROLL' && rules.checkEnrollment(context, event) === null,
    isEnrolling: ({ context }) => context.mfa?.enrollment != null,
    enrollingFactorIs: ({ context }, params: { factors: string[] }) =>
      params.factors.includes(context.mfa?.enrollment?.factor ?? ''),
    selectedIsOtp: ({ context }) => rules.selectedIsOtp(context),
    challengeIs: (_, params: { result: ChallengeResult; kind: 'otp' | 'push' }) =>
      params.kind === 'otp'
        ? params.result.challengeType === 'otp'
        : params.result.challengeType === 'oob' && params.result.bindingMethod === undefined,
    mfaCodeLooksValid: ({ event }) => event.type === 'SUBMIT_MFA_CODE' && rules.mfaCodeLooksValid(event.otp),
    recoveryCodeLooksValid: ({ event }) =>
      event.type === 'SUBMIT_RECOVERY_CODE' && rules.recoveryCodeLooksValid(event.recoveryCode),
    pushPollDue: ({ context }) => rules.pushPollDue(context),
    refreshDue: ({ context }) => rules.refreshDue(context),
    rateLimitActive: ({ context }) => rules.rateLimitActive(context),
    hasRefreshToken: ({ context }) => Boolean(context.session?.tokens.refreshToken),
    callbackUrlIsText: ({ event }) => event.type === 'MAGIC_LINK_CALLBACK' && rules.isText(event.callbackUrl),
    isClockReading: ({ event }) => event.type === 'TICK' && rules.isClockReading(event.now),
  },
  actions: {
    recordTime: assign(({ event }) => (event.type === 'TICK' ? { now: event.now } : {})),
    clearError: assign({ error: null }),
    recordError: assign(({ context, event }) => {
      const error = errorOf(event);
      const retryAfter = retryAfterOf(error);
      // A 429 holds for whatever the person asks next, not only for the request that got it.
      return {
        error: toErrorInfo(error),
        ...(retryAfter > 0 ? { retryAt: context.now + retryAfter * 1000 } : {}),
      };
    }),
    // A resend's 429 delays only resending (delayResendAfterError); the code sent before still works.
    recordResendError: assign(({ event }) => ({ error: toErrorInfo(errorOf(event)) })),
    refuseWhileRateLimited: assign(({ context }) => ({ error: rules.stillRateLimited(context) })),
    recordTimeout: assign({
      error: () => localError('timeout', 'The server did not answer in time. Please try again.'),
    }),
    rememberIdentifier: assign(({ context, event }) => {
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
    rejectIdentifier: assign(({ context, event }) => {
      if (event.type !== 'SUBMIT_IDENTIFIER') return {};
      const checked = rules.checkIdentifier(context, event);
      if (checked.ok) return {};
      return rules.isText(event.identifier)
        ? { error: checked.error, identifier: event.identifier }
        : { error: checked.error };
    }),
    recordCodeSent: assign(({ context }, params: { sentAt: number }) => ({
      now: Math.max(context.now, params.sentAt),
      codeSentAt: params.sentAt,
      codeExpiresAt: params.sentAt + context.config.codeLifetimeSeconds * 1000,
      resendAvailableAt: params.sentAt + context.config.resendCooldownSeconds * 1000,
      attemptsLeft: context.config.maxAttempts,
      error: null,
    })),
    delayResendAfterError: assign(({ context, event }) => {
      const waitSeconds = Math.max(retryAfterOf(errorOf(event)), context.config.resendCooldownSeconds);
      return { resendAvailableAt: context.now + waitSeconds * 1000 };
    }),
    rejectCallbackUrl: assign({
      error: () =>
        localError('invalid_input', 'The sign-in link could not be read. Open it again from the message.'),
    }),
    rejectOtpFormat: assign({
      error: () => localError('invalid_code', 'Enter the code from the message, digits only.'),
    }),
    countFailedAttempt: assign(({ context }) => ({ attemptsLeft: Math.max(0, context.attemptsLeft - 1) })),
    markCodeDead: assign({ attemptsLeft: 0 }),
    resetFlow: assign(({ context }) => clearedFlow(context)),
    rejectMagicLinkWithoutTransaction: assign({
      error: () =>
        localError(
          'state_mismatch',
          'This sign-in link belongs to another browser or an earlier attempt. Request a new one here.',
        ),
    }),
    startSession: assign(({ context }, params: { session: Session }) => ({
      session: params.session,
      refreshAt: rules.plannedRefreshAt(context, params.session.tokens.expiresAt),
      refreshFailures: 0,
      mfa: null,
      error: null,
      codeSentAt: null,
      codeExpiresAt: null,
      resendAvailableAt: null,
      magicLink: null,
    })),
    keepPendingRevocation: assign(({ context }) => {
      const refreshToken = context.session?.tokens.refreshToken;
      return refreshToken ? { pendingRevocation: { refreshToken } } : {};
    }),
    forgetPendingRevocation: assign({ pendingRevocation: null }),
    keepNewRecoveryCode: assign((_, params: { code: string | null }) => ({ newRecoveryCode: params.code })),
    forgetNewRecoveryCode: assign({ newRecoveryCode: null }),
    beginMfa: assign(({ context, event }) => {
      const thrown = errorOf(event);
      const error = isPasswordlessError(thrown) ? thrown : undefined;
      return {
        error: null,
        mfa: newMfaState(context, error?.mfaToken ?? '', error?.mfaRequirements),
      };
    }),
    recordMfaExpired: assign({
      error: () => localError('mfa_token_expired', 'The sign-in took too long. Please start again.'),
    }),
    storeAuthenticators: assign(({ context }, params: { authenticators: Authenticator[] }) => {
      const mfa = mfaOf(context);
      return {
        mfa: {
          ...mfa,
          authenticators: params.authenticators,
          hasRecoveryCode:
            mfa.hasRecoveryCode ||
            params.authenticators.some(
              (authenticator) => authenticator.type === 'recovery-code' && authenticator.active,
            ),
        },
      };
    }),
    selectOnlyAuthenticator: assign(({ context }) => {
      const mfa = mfaOf(context);
      return {
        mfa: { ...mfa, selectedAuthenticatorId: choosableAuthenticators(mfa.authenticators)[0]?.id ?? null },
      };
    }),
    selectAuthenticator: assign(({ context, event }) =>
      event.type === 'SELECT_AUTHENTICATOR'
        ? { mfa: { ...mfaOf(context), selectedAuthenticatorId: event.authenticatorId }, error: null }
        : {},
    ),
    rejectEnrollment: assign(({ context, event }) =>
      event.type === 'ENROLL' ? { error: rules.checkEnrollment(context, event) } : {},
    ),
    storeEnrollment: assign(({ context }, params: { result: AssociateResult; factor: EnrollmentFactor }) => {
      const { result, factor } = params;
      return {
        mfa: {
          ...mfaOf(context),
          enrollment: {
            factor,
            ...(result.authenticatorType === 'otp'
              ? { secret: result.secret, barcodeUri: result.barcodeUri }
              : { oobCode: result.oobCode, ...(result.barcodeUri ? { barcodeUri: result.barcodeUri } : {}) }),
            ...(result.recoveryCodes ? { recoveryCodes: result.recoveryCodes } : {}),
          },
          challenge:
            result.authenticatorType === 'otp'
              ? { type: 'otp' as const }
              : {
                  type: result.bindingMethod ? ('oob' as const) : ('push' as const),
                  oobCode: result.oobCode,
                },
        },
      };
    }),
    leaveChallenge: assign(({ context }) => ({
      error: null,
      mfa: { ...mfaOf(context), challenge: null, enrollment: null, selectedAuthenticatorId: null },
    })),
    setOtpChallenge: assign(({ context }) => ({
      mfa: { ...mfaOf(context), challenge: { type: 'otp' as const } },
    })),
    setRecoveryChallenge: assign(({ context }) => ({
      error: null,
      mfa: { ...mfaOf(context), challenge: { type: 'recovery' as const } },
    })),
    storeChallenge: assign(({ context }, params: { result: ChallengeResult }) => {
      const { result } = params;
      const challenge =
        result.challengeType === 'otp'
          ? { type: 'otp' as const }
          : { type: result.bindingMethod ? ('oob' as const) : ('push' as const), oobCode: result.oobCode };
      return { mfa: { ...mfaOf(context), challenge } };
    }),
    startPushPolling: assign(({ context }) => {
      const mfa = mfaOf(context);
      const pollIntervalMs = context.config.pushPollIntervalSeconds * 1000;
      return {
        mfa: {
          ...mfa,
          challenge: {
            ...mfa.challenge,
            type: 'push' as const,
            pollIntervalMs,
            nextPollAt: context.now + pollIntervalMs,
            polls: 0,
          },
        },
      };
    }),
    // The next poll: one interval after the answer arrived (never sooner), at the base interval again
    // once a slowed-down poll was answered, or later if a 429 asked for it.
    schedulePoll: assign(({ context, event }) => {
      const mfa = mfaOf(context);
      const challenge = mfa.challenge ?? { type: 'push' as const };
      const interval = context.config.pushPollIntervalSeconds * 1000;
      const error = errorOf(event);
      const wait = Math.max(interval, retryAfterOf(error) * 1000);
      const from = Math.max(context.now, answeredAtOf(error) ?? context.now);
      return {
        mfa: {
          ...mfa,
          challenge: {
            ...challenge,
            pollIntervalMs: interval,
            nextPollAt: from + wait,
            polls: (challenge.polls ?? 0) + 1,
          },
        },
      };
    }),
    // Auth0's slow_down: wait 5 s longer than the interval that was too short, this once.
    slowDownPolling: assign(({ context, event }) => {
      const mfa = mfaOf(context);
      const challenge = mfa.challenge ?? { type: 'push' as const };
      const interval = (challenge.pollIntervalMs ?? context.config.pushPollIntervalSeconds * 1000) + 5000;
      const from = Math.max(context.now, answeredAtOf(errorOf(event)) ?? context.now);
      return {
        mfa: {
          ...mfa,
          challenge: {
            ...challenge,
            pollIntervalMs: interval,
            nextPollAt: from + interval,
            polls: (challenge.polls ?? 0) + 1,
          },
        },
      };
    }),
    rejectMfaCodeFormat: assign({ error: () => localError('invalid_mfa_code', 'Enter the 6-digit code.') }),
    rejectRecoveryFormat: assign({
      error: () => localError('invalid_mfa_code', 'Enter the recovery code: letters and digits, no spaces.'),
    }),
    updateSession: assign(({ context }, params: { session: Session }) => ({
      session: context.session ? mergeRefreshed(context.session, params.session) : params.session,
      refreshAt: rules.plannedRefreshAt(context, params.session.tokens.expiresAt),
      refreshFailures: 0,
      error: null,
    })),
    scheduleRefreshRetry: assign(({ context, event }) => {
      const refreshFailures = context.refreshFailures + 1;
      return {
        refreshFailures,
        refreshAt: rules.refreshRetryAt(context, refreshFailures, retryAfterOf(errorOf(event))),
      };
    }),
  },
  delays: {
    requestTimeout: ({ context }) => context.config.requestTimeoutMs + 5000,
  },
}).createMachine({
  id: 'passwordless',
  context: ({ input }) => initialContext(input, Date.now()),
  initial: 'identify',
  on: {
    TICK: { guard: 'isClockReading', actions: 'recordTime' },
  },
  states: {
    identify: {
      initial: 'editing',
      // A logout that could not revoke the refresh token (offline) tries again here; harmless when
      // nothing is pending, since the actor then resolves at once without a request.
      invoke: {
        id: 'retryRevocation',
        src: 'revokeSession',
        input: ({ context }) => ({
          config: context.config,
          refreshToken: context.pendingRevocation?.refreshToken ?? null,
        }),
        onDone: { actions: 'forgetPendingRevocation' },
        onError: { description: 'Still pending: tried again the next time the flow comes back here.' },
      },
      on: {
        MAGIC_LINK_CALLBACK: { actions: 'rejectMagicLinkWithoutTransaction' },
      },
      states: {
        editing: {
          on: {
            SUBMIT_IDENTIFIER: [
              { guard: 'rateLimitActive', actions: 'refuseWhileRateLimited' },
              { guard: 'identifierIsValid', target: 'submitting', actions: 'rememberIdentifier' },
              { actions: 'rejectIdentifier' },
            ],
          },
        },
        submitting: {
          tags: ['busy'],
          invoke: {
            id: 'startPasswordless',
            src: 'startPasswordless',
            input: ({ context }) => ({
              config: context.config,
              connection: context.connection,
              send: context.send,
              identifier: context.identifier,
              magicLink: context.magicLink,
            }),
            onDone: {
              target: '#passwordless.sent',
              actions: { type: 'recordCodeSent', params: ({ event }) => ({ sentAt: event.output.sentAt }) },
            },
            onError: {
              target: 'editing',
              actions: 'recordError',
            },
          },
          after: { requestTimeout: { target: 'editing', actions: 'recordTimeout' } },
          on: { CANCEL: 'editing' },
        },
      },
    },

    sent: {
      type: 'parallel',
      invoke: { id: 'ticker', src: 'ticker' },
      on: {
        CHANGE_IDENTIFIER: { target: 'identify', actions: ['resetFlow', 'clearError'] },
        CANCEL: { target: 'identify', actions: ['resetFlow', 'clearError'] },
        MAGIC_LINK_CALLBACK: [
          { guard: and(['sendsLink', 'callbackUrlIsText']), target: 'verifying.link' },
          { guard: 'sendsLink', actions: 'rejectCallbackUrl' },
        ],
      },
      states: {
        code: {
          initial: 'valid',
          states: {
            valid: {
              always: { guard: 'codeIsUnusable', target: 'expired' },
              on: {
                SUBMIT_CODE: [
                  { guard: and(['sendsCode', 'rateLimitActive']), actions: 'refuseWhileRateLimited' },
                  { guard: and(['sendsCode', 'otpLooksValid']), target: '#passwordless.verifying' },
                  { guard: 'sendsCode', actions: 'rejectOtpFormat' },
                ],
              },
            },
            expired: { tags: ['code_expired'] },
          },
        },
        resend: {
          initial: 'cooling',
          states: {
            cooling: { always: { guard: 'resendCooldownOver', target: 'ready' } },
            ready: { on: { RESEND: 'sending' } },
            sending: {
              tags: ['busy'],
              invoke: {
                id: 'startPasswordless',
                src: 'startPasswordless',
                input: ({ context }) => ({
                  config: context.config,
                  connection: context.connection,
                  send: context.send,
                  identifier: context.identifier,
                  magicLink: context.magicLink,
                }),
                onDone: {
                  target: '#passwordless.sent',
                  reenter: true,
                  actions: {
                    type: 'recordCodeSent',
                    params: ({ event }) => ({ sentAt: event.output.sentAt }),
                  },
                },
                onError: {
                  target: 'cooling',
                  actions: ['recordResendError', 'delayResendAfterError'],
                },
              },
              after: { requestTimeout: { target: 'ready', actions: 'recordTimeout' } },
            },
          },
        },
      },
    },

    verifying: {
      tags: ['busy'],
      initial: 'code',
      entry: 'clearError',
      on: { CANCEL: '#passwordless.sent' },
      after: { requestTimeout: { target: '#passwordless.sent', actions: 'recordTimeout' } },
      states: {
        code: {
          invoke: {
            id: 'exchangeOtp',
            src: 'exchangeOtp',
            input: ({ context, event }) => ({
              config: context.config,
              connection: context.connection,
              identifier: context.identifier,
              otp: event.type === 'SUBMIT_CODE' ? rules.normalizeCode(event.otp) : '',
            }),
            onDone: {
              target: '#passwordless.authenticated',
              actions: { type: 'startSession', params: ({ event }) => ({ session: event.output }) },
            },
            onError: [
              {
                guard: { type: 'errorIs', params: { codes: ['mfa_required'] } },
                target: '#passwordless.mfa_required',
                actions: 'beginMfa',
              },
              {
                guard: { type: 'errorIs', params: { codes: ['invalid_code'] } },
                target: '#passwordless.sent',
                actions: ['recordError', 'countFailedAttempt'],
              },
              {
                guard: {
                  type: 'errorIs',
                  params: ({ event }) => ({
                    error: event.error,
                    codes: ['code_expired', 'too_many_attempts'],
                  }),
                },
                target: '#passwordless.sent',
                actions: ['recordError', 'markCodeDead'],
              },
              {
                target: '#passwordless.sent',
                actions: 'recordError',
              },
            ],
          },
        },
        link: {
          invoke: {
            id: 'exchangeMagicLinkCode',
            src: 'exchangeMagicLinkCode',
            input: ({ context, event }) => ({
              config: context.config,
              magicLink: context.magicLink,
              callbackUrl: event.type === 'MAGIC_LINK_CALLBACK' ? event.callbackUrl : '',
            }),
            onDone: {
              target: '#passwordless.authenticated',
              actions: { type: 'startSession', params: ({ event }) => ({ session: event.output }) },
            },
            onError: [
              {
                guard: { type: 'errorIs', params: { codes: ['mfa_required'] } },
                target: '#passwordless.mfa_required',
                actions: 'beginMfa',
              },
              {
                guard: {
                  type: 'errorIs',
                  params: ({ event }) => ({
                    error: event.error,
                    codes: ['code_expired', 'too_many_attempts'],
                  }),
                },
                target: '#passwordless.sent',
                actions: ['recordError', 'markCodeDead'],
              },
              {
                target: '#passwordless.sent',
                actions: 'recordError',
              },
            ],
          },
        },
      },
    },

    mfa_required: {
      invoke: { id: 'ticker', src: 'ticker' },
      always: { guard: 'mfaTokenExpired', target: 'identify', actions: ['recordMfaExpired', 'resetFlow'] },
      on: { CANCEL: { target: 'identify', actions: ['resetFlow', 'clearError'] } },
      initial: 'loading',
      states: {
        loading: {
          tags: ['busy'],
          invoke: {
            id: 'listAuthenticators',
            src: 'listAuthenticators',
            input: ({ context }) => ({ config: context.config, mfaToken: mfaOf(context).mfaToken }),
            onDone: {
              target: 'routing',
              actions: {
                type: 'storeAuthenticators',
                params: ({ event }) => ({ authenticators: event.output }),
              },
            },
            onError: [
              {
                guard: { type: 'errorIs', params: { codes: ['mfa_token_expired'] } },
                target: '#passwordless.identify',
                actions: ['recordError', 'resetFlow'],
              },
              {
                target: 'failed',
                actions: 'recordError',
              },
            ],
          },
          after: { requestTimeout: { target: 'failed', actions: 'recordTimeout' } },
        },
        routing: {
          always: [
            { guard: 'mustEnroll', target: 'enroll' },
            {
              guard: 'hasOneAuthenticator',
              target: '#passwordless.challenge',
              actions: 'selectOnlyAuthenticator',
            },
            { target: 'choosing' },
          ],
        },
        choosing: {
          on: {
            SELECT_AUTHENTICATOR: [
              { guard: 'rateLimitActive', actions: 'refuseWhileRateLimited' },
              {
                guard: 'authenticatorIsChoosable',
                target: '#passwordless.challenge',
                actions: 'selectAuthenticator',
              },
            ],
            USE_RECOVERY_CODE: {
              guard: 'hasRecoveryCode',
              target: '#passwordless.challenge.recovery',
              actions: 'setRecoveryChallenge',
            },
          },
        },
        enroll: {
          on: {
            ENROLL: [
              { guard: 'rateLimitActive', actions: 'refuseWhileRateLimited' },
              { guard: 'enrollmentIsValid', target: 'associating', actions: 'clearError' },
              { actions: 'rejectEnrollment' },
            ],
          },
        },
        associating: {
          tags: ['busy'],
          invoke: {
            id: 'associateAuthenticator',
            src: 'associateAuthenticator',
            input: ({ context, event }) => ({
              config: context.config,
              mfaToken: mfaOf(context).mfaToken,
              factor: event.type === 'ENROLL' ? event.factor : 'otp',
              ...(event.type === 'ENROLL' && rules.isText(event.phoneNumber)
                ? { phoneNumber: event.phoneNumber }
                : {}),
              email: event.type === 'ENROLL' && rules.isText(event.email) ? event.email : context.identifier,
            }),
            onDone: {
              target: '#passwordless.challenge',
              actions: {
                type: 'storeEnrollment',
                params: ({ event }) => ({
                  result: event.output,
                  factor:
                    event.output.authenticatorType === 'otp' ? 'otp' : channelFactor(event.output.oobChannel),
                }),
              },
            },
            onError: [
              {
                guard: { type: 'errorIs', params: { codes: ['mfa_token_expired'] } },
                target: '#passwordless.identify',
                actions: ['recordError', 'resetFlow'],
              },
              {
                target: 'enroll',
                actions: 'recordError',
              },
            ],
          },
          after: { requestTimeout: { target: 'enroll', actions: 'recordTimeout' } },
        },
        failed: {
          on: {
            RETRY: [
              { guard: 'rateLimitActive', actions: 'refuseWhileRateLimited' },
              { target: 'loading', actions: 'clearError' },
            ],
          },
        },
      },
    },

    challenge: {
      invoke: { id: 'ticker', src: 'ticker' },
      always: { guard: 'mfaTokenExpired', target: 'identify', actions: ['recordMfaExpired', 'resetFlow'] },
      on: {
        CANCEL: { target: 'identify', actions: ['resetFlow', 'clearError'] },
        BACK: [
          { guard: 'isEnrolling', target: 'mfa_required.enroll', actions: 'leaveChallenge' },
          { target: 'mfa_required.choosing', actions: 'leaveChallenge' },
        ],
        USE_RECOVERY_CODE: {
          guard: and(['hasRecoveryCode', not('isEnrolling')]),
          target: '.recovery',
          actions: 'setRecoveryChallenge',
        },
      },
      initial: 'routing',
      states: {
        routing: {
          always: [
            { guard: { type: 'enrollingFactorIs', params: { factors: ['otp'] } }, target: 'otp' },
            {
              guard: { type: 'enrollingFactorIs', params: { factors: ['push'] } },
              target: 'push',
              actions: 'startPushPolling',
            },
            { guard: 'isEnrolling', target: 'oob' },
            { guard: 'selectedIsOtp', target: 'otp', actions: 'setOtpChallenge' },
            { target: 'requesting' },
          ],
        },
        requesting: {
          tags: ['busy'],
          entry: 'clearError',
          invoke: {
            id: 'requestChallenge',
            src: 'requestChallenge',
            input: ({ context }) => ({
              config: context.config,
              mfaToken: mfaOf(context).mfaToken,
              authenticatorId: mfaOf(context).selectedAuthenticatorId,
            }),
            onDone: [
              {
                guard: {
                  type: 'challengeIs',
                  params: ({ event }) => ({ result: event.output, kind: 'otp' as const }),
                },
                target: 'otp',
                actions: { type: 'storeChallenge', params: ({ event }) => ({ result: event.output }) },
              },
              {
                guard: {
                  type: 'challengeIs',
                  params: ({ event }) => ({ result: event.output, kind: 'push' as const }),
                },
                target: 'push',
                actions: [
                  { type: 'storeChallenge', params: ({ event }) => ({ result: event.output }) },
                  'startPushPolling',
                ],
              },
              {
                target: 'oob',
                actions: { type: 'storeChallenge', params: ({ event }) => ({ result: event.output }) },
              },
            ],
            onError: [
              {
                guard: { type: 'errorIs', params: { codes: ['mfa_token_expired'] } },
                target: '#passwordless.identify',
                actions: ['recordError', 'resetFlow'],
              },
              {
                target: 'failed',
                actions: 'recordError',
              },
            ],
          },
          after: { requestTimeout: { target: 'failed', actions: 'recordTimeout' } },
        },
        otp: {
          on: {
            SUBMIT_MFA_CODE: [
              { guard: 'rateLimitActive', actions: 'refuseWhileRateLimited' },
              { guard: 'mfaCodeLooksValid', target: 'verifyingOtp' },
              { actions: 'rejectMfaCodeFormat' },
            ],
          },
        },
        verifyingOtp: {
          tags: ['busy'],
          entry: 'clearError',
          invoke: {
            id: 'verifyMfaOtp',
            src: 'verifyMfaOtp',
            input: ({ context, event }) => ({
              config: context.config,
              mfaToken: mfaOf(context).mfaToken,
              ...linkNonceOf(context),
              otp: event.type === 'SUBMIT_MFA_CODE' ? rules.normalizeCode(event.otp) : '',
            }),
            onDone: {
              target: '#passwordless.authenticated',
              actions: { type: 'startSession', params: ({ event }) => ({ session: event.output }) },
            },
            onError: [
              {
                guard: { type: 'errorIs', params: { codes: ['mfa_token_expired'] } },
                target: '#passwordless.identify',
                actions: ['recordError', 'resetFlow'],
              },
              {
                target: 'otp',
                actions: 'recordError',
              },
            ],
          },
          after: { requestTimeout: { target: 'otp', actions: 'recordTimeout' } },
        },
        oob: {
          on: {
            SUBMIT_MFA_CODE: [
              { guard: 'rateLimitActive', actions: 'refuseWhileRateLimited' },
              { guard: 'mfaCodeLooksValid', target: 'verifyingOob' },
              { actions: 'rejectMfaCodeFormat' },
            ],
            RESEND: { guard: not('isEnrolling'), target: 'requesting' },
          },
        },
        verifyingOob: {
          tags: ['busy'],
          entry: 'clearError',
          invoke: {
            id: 'verifyMfaOob',
            src: 'verifyMfaOob',
            input: ({ context, event }) => ({
              config: context.config,
              mfaToken: mfaOf(context).mfaToken,
              ...linkNonceOf(context),
              oobCode: mfaOf(context).challenge?.oobCode ?? '',
              bindingCode: event.type === 'SUBMIT_MFA_CODE' ? rules.normalizeCode(event.otp) : '',
            }),
            onDone: {
              target: '#passwordless.authenticated',
              actions: { type: 'startSession', params: ({ event }) => ({ session: event.output }) },
            },
            onError: [
              {
                guard: { type: 'errorIs', params: { codes: ['mfa_token_expired'] } },
                target: '#passwordless.identify',
                actions: ['recordError', 'resetFlow'],
              },
              {
                target: 'oob',
                actions: 'recordError',
              },
            ],
          },
          after: { requestTimeout: { target: 'oob', actions: 'recordTimeout' } },
        },
        push: {
          initial: 'waiting',
          states: {
            waiting: { always: { guard: 'pushPollDue', target: 'polling' } },
            polling: {
              tags: ['busy'],
              invoke: {
                id: 'verifyMfaOob',
                src: 'verifyMfaOob',
                input: ({ context }) => ({
                  config: context.config,
                  mfaToken: mfaOf(context).mfaToken,
                  ...linkNonceOf(context),
                  oobCode: mfaOf(context).challenge?.oobCode ?? '',
                }),
                onDone: {
                  target: '#passwordless.authenticated',
                  actions: { type: 'startSession', params: ({ event }) => ({ session: event.output }) },
                },
                onError: [
                  {
                    guard: { type: 'errorIs', params: { codes: ['authorization_pending'] } },
                    target: 'waiting',
                    actions: ['clearError', 'schedulePoll'],
                  },
                  {
                    guard: { type: 'errorIs', params: { codes: ['slow_down'] } },
                    target: 'waiting',
                    actions: 'slowDownPolling',
                  },
                  {
                    guard: { type: 'errorIs', params: { codes: ['mfa_token_expired'] } },
                    target: '#passwordless.identify',
                    actions: ['recordError', 'resetFlow'],
                  },
                  {
                    guard: { type: 'errorIs', params: { codes: rules.transientCodes } },
                    target: 'waiting',
                    actions: ['recordError', 'schedulePoll'],
                  },
                  {
                    target: 'rejected',
                    actions: 'recordError',
                  },
                ],
              },
              after: { requestTimeout: { target: 'waiting', actions: ['recordTimeout', 'schedulePoll'] } },
            },
            rejected: {
              on: {
                RETRY: [
                  { guard: 'rateLimitActive', actions: 'refuseWhileRateLimited' },
                  {
                    guard: 'isEnrolling',
                    target: '#passwordless.mfa_required.enroll',
                    actions: 'leaveChallenge',
                  },
                  { target: '#passwordless.challenge.requesting' },
                ],
              },
            },
          },
        },
        recovery: {
          on: {
            SUBMIT_RECOVERY_CODE: [
              { guard: 'rateLimitActive', actions: 'refuseWhileRateLimited' },
              { guard: 'recoveryCodeLooksValid', target: 'verifyingRecovery' },
              { actions: 'rejectRecoveryFormat' },
            ],
          },
        },
        verifyingRecovery: {
          tags: ['busy'],
          entry: 'clearError',
          invoke: {
            id: 'verifyRecoveryCode',
            src: 'verifyRecoveryCode',
            input: ({ context, event }) => ({
              config: context.config,
              mfaToken: mfaOf(context).mfaToken,
              ...linkNonceOf(context),
              recoveryCode:
                event.type === 'SUBMIT_RECOVERY_CODE' ? rules.normalizeCode(event.recoveryCode) : '',
            }),
            onDone: {
              target: '#passwordless.authenticated',
              actions: [
                { type: 'startSession', params: ({ event }) => ({ session: event.output }) },
                {
                  type: 'keepNewRecoveryCode',
                  params: ({ event }) => ({ code: event.output.newRecoveryCode }),
                },
              ],
            },
            onError: [
              {
                guard: { type: 'errorIs', params: { codes: ['mfa_token_expired'] } },
                target: '#passwordless.identify',
                actions: ['recordError', 'resetFlow'],
              },
              {
                target: 'recovery',
                actions: 'recordError',
              },
            ],
          },
          after: { requestTimeout: { target: 'recovery', actions: 'recordTimeout' } },
        },
        failed: {
          on: {
            RETRY: [
              { guard: 'rateLimitActive', actions: 'refuseWhileRateLimited' },
              { target: 'routing', actions: 'clearError' },
            ],
          },
        },
      },
    },

    authenticated: {
      invoke: { id: 'ticker', src: 'ticker' },
      on: {
        LOGOUT: '.loggingOut',
        ACKNOWLEDGE_RECOVERY_CODE: { actions: 'forgetNewRecoveryCode' },
      },
      initial: 'active',
      states: {
        active: {
          always: { guard: 'refreshDue', target: 'refreshing' },
          on: { REFRESH: { guard: 'hasRefreshToken', target: 'refreshing' } },
        },
        refreshing: {
          tags: ['busy'],
          invoke: {
            id: 'refreshSession',
            src: 'refreshSession',
            input: ({ context }) => ({
              config: context.config,
              refreshToken: context.session?.tokens.refreshToken ?? '',
            }),
            onDone: {
              target: 'active',
              actions: { type: 'updateSession', params: ({ event }) => ({ session: event.output }) },
            },
            onError: [
              {
                guard: { type: 'errorIs', params: { codes: rules.sessionGoneCodes } },
                target: '#passwordless.identify',
                actions: ['recordError', 'resetFlow'],
              },
              {
                target: 'active',
                actions: ['recordError', 'scheduleRefreshRetry'],
              },
            ],
          },
          after: { requestTimeout: { target: 'active', actions: ['recordTimeout', 'scheduleRefreshRetry'] } },
        },
        loggingOut: {
          tags: ['busy'],
          invoke: {
            id: 'revokeSession',
            src: 'revokeSession',
            input: ({ context }) => ({
              config: context.config,
              refreshToken: context.session?.tokens.refreshToken ?? null,
            }),
            // Signing out must always work locally, even if revoking the refresh token failed; when it
            // failed for a passing reason, the token is kept to be revoked later and the view says so.
            onDone: { target: '#passwordless.identify', actions: ['resetFlow', 'clearError'] },
            onError: [
              {
                guard: { type: 'errorIs', params: { codes: rules.transientCodes } },
                target: '#passwordless.identify',
                actions: ['keepPendingRevocation', 'resetFlow', 'clearError'],
              },
              { target: '#passwordless.identify', actions: ['resetFlow', 'clearError'] },
            ],
          },
          after: {
            requestTimeout: {
              target: '#passwordless.identify',
              actions: ['keepPendingRevocation', 'resetFlow', 'clearError'],
            },
          },
        },
      },
    },
  },
});

function channelFactor(channel: string | undefined): EnrollmentFactor {
  if (channel === 'auth0') return 'push';
  return channel === 'email' || channel === 'voice' ? channel : 'sms';
}

export type PasswordlessMachine = typeof passwordlessMachine;
