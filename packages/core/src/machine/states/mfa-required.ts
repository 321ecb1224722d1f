import { compact } from '../../compact.ts';
import { mfaOf } from '../actions/update.ts';
import { chart } from '../setup.ts';
import * as rules from '../rules.ts';
import type { EnrollmentFactor } from '../types.ts';
import { retryUnlessRateLimited, startOver, startOverWhenMfaTokenExpired } from './transitions.ts';

function channelFactor(channel: string | undefined): EnrollmentFactor {
  if (channel === 'auth0') return 'push';
  return channel === 'email' || channel === 'voice' ? channel : 'sms';
}

/** Auth0 wants a second factor: list the authenticators, then choose one or enrol. */
export const mfaRequired = chart.createStateConfig({
  invoke: { id: 'ticker', src: 'ticker' },
  always: { guard: 'mfaTokenExpired', target: 'identify', actions: ['recordMfaExpired', 'resetFlow'] },
  on: { CANCEL: startOver },
  initial: 'loading',
  states: {
    loading: {
      tags: ['busy'],
      invoke: {
        id: 'listAuthenticators',
        src: 'listAuthenticators',
        input: ({ context }) => {
          const { mfaToken, challengeTypes, enrollTypes } = mfaOf(context);
          return { config: context.config, mfaToken, challengeTypes, enrollTypes };
        },
        onDone: {
          target: 'routing',
          actions: {
            type: 'storeAuthenticators',
            params: ({ event }) => ({ authenticators: event.output }),
          },
        },
        onError: [startOverWhenMfaTokenExpired, { target: 'failed', actions: 'recordError' }],
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
        input: ({ context, event }) => {
          const enroll = event.type === 'ENROLL' ? event : undefined;
          return {
            config: context.config,
            mfaToken: mfaOf(context).mfaToken,
            factor: enroll?.factor ?? 'otp',
            ...compact({ phoneNumber: rules.isText(enroll?.phoneNumber) ? enroll.phoneNumber : undefined }),
            email: rules.isText(enroll?.email) ? enroll.email : context.identifier,
          };
        },
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
        onError: [startOverWhenMfaTokenExpired, { target: 'enroll', actions: 'recordError' }],
      },
      after: { requestTimeout: { target: 'enroll', actions: 'recordTimeout' } },
    },
    failed: { on: { RETRY: retryUnlessRateLimited('loading') } },
  },
});
