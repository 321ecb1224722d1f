import { and } from 'xstate';
import { chart } from '../setup.ts';
import { recordCodeSent, startPasswordless } from './transitions.ts';

/** Back to identify; the code sent stays usable for the same address (its cooldown with it). */
const leaveKeepingCooldown = {
  target: '#passwordless.identify',
  actions: ['rememberSend', 'resetFlow', 'clearError'],
} as const;

/** A code or link is on its way: the code's lifetime and the resend cooldown run side by side. */
export const sent = chart.createStateConfig({
  type: 'parallel',
  invoke: [
    { id: 'ticker', src: 'ticker' },
    {
      id: 'linkUseWatcher',
      src: 'linkUseWatcher',
      input: ({ context }) => ({ state: context.magicLink?.state ?? null }),
    },
  ],
  on: {
    MAGIC_LINK_USED_ELSEWHERE: {
      guard: 'sendsLink',
      target: '#passwordless.identify',
      actions: ['resetFlow', 'clearError', 'noteLinkOpenedElsewhere'],
    },
    CHANGE_IDENTIFIER: leaveKeepingCooldown,
    CANCEL: leaveKeepingCooldown,
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
