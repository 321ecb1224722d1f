import { chart } from '../setup.ts';
import { mfaOf } from '../actions/update.ts';
import * as rules from '../rules.ts';
import { linkNonceOf, signIn, startOverWhenMfaTokenExpired } from './transitions.ts';

/** A push notification was sent: poll Auth0 until the person approves or rejects it. */
export const push = chart.createStateConfig({
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
        onDone: signIn,
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
          startOverWhenMfaTokenExpired,
          {
            guard: { type: 'errorIs', params: { codes: rules.transientCodes } },
            target: 'waiting',
            actions: ['recordError', 'schedulePoll'],
          },
          { target: 'rejected', actions: 'recordError' },
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
});
