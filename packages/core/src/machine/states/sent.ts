import { and } from 'xstate';
import { chart } from '../setup.ts';
import { recordCodeSent, startOver, startPasswordless } from './transitions.ts';

/** A code or link is on its way: the code's lifetime and the resend cooldown run side by side. */
export const sent = chart.createStateConfig({
  type: 'parallel',
  invoke: { id: 'ticker', src: 'ticker' },
  on: {
    CHANGE_IDENTIFIER: startOver,
    CANCEL: startOver,
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
            ...startPasswordless,
            onDone: { target: '#passwordless.sent', reenter: true, actions: recordCodeSent },
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
});
