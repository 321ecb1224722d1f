import { chart } from '../setup.ts';
import * as rules from '../rules.ts';

const signedOut = ['resetFlow', 'clearError'] as const;
const signedOutRevokingLater = ['keepPendingRevocation', ...signedOut] as const;

/** Signed in: the session is refreshed before it expires, and logout revokes the refresh token. */
export const authenticated = chart.createStateConfig({
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
          { target: 'active', actions: ['recordError', 'scheduleRefreshRetry'] },
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
        onDone: { target: '#passwordless.identify', actions: signedOut },
        onError: [
          {
            guard: { type: 'errorIs', params: { codes: rules.transientCodes } },
            target: '#passwordless.identify',
            actions: signedOutRevokingLater,
          },
          { target: '#passwordless.identify', actions: signedOut },
        ],
      },
      after: { requestTimeout: { target: '#passwordless.identify', actions: signedOutRevokingLater } },
    },
  },
});
