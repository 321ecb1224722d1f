import { and, not } from 'xstate';
import { mfaOf } from '../actions/update.ts';
import * as rules from '../rules.ts';
import { chart } from '../setup.ts';
import { push } from './push.ts';
import {
  linkNonceOf,
  retryUnlessRateLimited,
  signIn,
  startOver,
  startOverWhenMfaTokenExpired,
} from './transitions.ts';

/** One factor is being proven: a TOTP, an SMS/voice/e-mail code, a push approval or a recovery code. */
export const challenge = chart.createStateConfig({
  invoke: { id: 'ticker', src: 'ticker' },
  always: { guard: 'mfaTokenExpired', target: 'identify', actions: ['recordMfaExpired', 'resetFlow'] },
  on: {
    CANCEL: startOver,
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
        onError: [startOverWhenMfaTokenExpired, { target: 'failed', actions: 'recordError' }],
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
        onDone: signIn,
        onError: [startOverWhenMfaTokenExpired, { target: 'otp', actions: 'recordError' }],
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
        onDone: signIn,
        onError: [startOverWhenMfaTokenExpired, { target: 'oob', actions: 'recordError' }],
      },
      after: { requestTimeout: { target: 'oob', actions: 'recordTimeout' } },
    },
    push,
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
          recoveryCode: event.type === 'SUBMIT_RECOVERY_CODE' ? rules.normalizeCode(event.recoveryCode) : '',
        }),
        onDone: {
          target: '#passwordless.authenticated',
          actions: [
            signIn.actions,
            { type: 'keepNewRecoveryCode', params: ({ event }) => ({ code: event.output.newRecoveryCode }) },
          ],
        },
        onError: [startOverWhenMfaTokenExpired, { target: 'recovery', actions: 'recordError' }],
      },
      after: { requestTimeout: { target: 'recovery', actions: 'recordTimeout' } },
    },
    failed: { on: { RETRY: retryUnlessRateLimited('routing') } },
  },
});
