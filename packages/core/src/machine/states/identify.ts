import { chart } from '../setup.ts';
import { recordCodeSent, startPasswordless } from './transitions.ts';

/** The person types an e-mail address or phone number; a code or link is requested. */
export const identify = chart.createStateConfig({
  initial: 'editing',
  // A logout that could not revoke the refresh token (offline) tries again here; harmless when
  // nothing is pending, since the actor then resolves at once without a request.
  invoke: {
    id: 'retryRevocation',
    src: 'revokeSession',
    input: ({ context }) => ({
      config: context.config,
      refreshToken: context.device.pendingRevocation?.refreshToken ?? null,
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
          { guard: 'resumesPreviousSend', target: '#passwordless.sent', actions: 'resumePreviousSend' },
          { guard: 'identifierIsValid', target: 'submitting', actions: 'rememberIdentifier' },
          { actions: 'rejectIdentifier' },
        ],
        // A link opened in a tab that did not ask for it: another tab of this browser may have.
        MAGIC_LINK_CALLBACK: [
          { guard: 'callbackUrlIsText', target: 'adoptingLink' },
          { actions: 'rejectCallbackUrl' },
        ],
      },
    },
    adoptingLink: {
      tags: ['busy'],
      invoke: {
        id: 'findSharedLink',
        src: 'findSharedLink',
        input: ({ context, event }) => ({
          config: context.config,
          callbackUrl: event.type === 'MAGIC_LINK_CALLBACK' ? event.callbackUrl : '',
        }),
        onDone: {
          target: '#passwordless.verifying.link',
          actions: { type: 'adoptSharedLink', params: ({ event }) => ({ link: event.output }) },
        },
        onError: { target: 'editing', actions: 'recordError' },
      },
      after: { requestTimeout: { target: 'editing', actions: 'recordTimeout' } },
      on: { CANCEL: 'editing' },
    },
    submitting: {
      tags: ['busy'],
      invoke: {
        ...startPasswordless,
        onDone: { target: '#passwordless.sent', actions: recordCodeSent },
        onError: { target: 'editing', actions: 'recordError' },
      },
      after: { requestTimeout: { target: 'editing', actions: 'recordTimeout' } },
      on: { CANCEL: 'editing' },
    },
  },
});
