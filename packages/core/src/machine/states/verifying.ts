import { chart } from '../setup.ts';
import * as rules from '../rules.ts';
import { markDeadWhenExpired, signIn, toMfaWhenRequired } from './transitions.ts';

/** The link's URL: from the callback itself, or from another tab's shared transaction it matched. */
function callbackUrlOf(event: { type: string; callbackUrl?: unknown; output?: unknown }): string {
  if (event.type === 'MAGIC_LINK_CALLBACK' && typeof event.callbackUrl === 'string') return event.callbackUrl;
  const output = event.output as { callbackUrl?: unknown } | undefined;
  return typeof output?.callbackUrl === 'string' ? output.callbackUrl : '';
}

/** The code or the magic link's callback is exchanged for tokens. */
export const verifying = chart.createStateConfig({
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
        onDone: signIn,
        onError: [
          toMfaWhenRequired,
          {
            guard: { type: 'errorIs', params: { codes: ['invalid_code'] } },
            target: '#passwordless.sent',
            actions: ['recordWrongCode', 'countFailedAttempt'],
          },
          markDeadWhenExpired,
          { target: '#passwordless.sent', actions: 'recordError' },
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
          callbackUrl: callbackUrlOf(event),
        }),
        onDone: signIn,
        onError: [
          toMfaWhenRequired,
          markDeadWhenExpired,
          { target: '#passwordless.sent', actions: 'recordError' },
        ],
      },
    },
  },
});
