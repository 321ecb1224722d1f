import type { PasswordlessContext, Session } from '../types.ts';

// Transitions that several states share, written once. `as const` keeps the names literal so that
// the chart still checks each guard, action and target.

/** Tokens from any grant: signed in. */
export const signIn = {
  target: '#passwordless.authenticated',
  actions: {
    type: 'startSession',
    params: ({ event }: { event: { output: Session } }) => ({ session: event.output }),
  },
} as const;

/** Any MFA call: an expired `mfa_token` ends the transaction, and the person starts over. */
export const startOverWhenMfaTokenExpired = {
  guard: { type: 'errorIs', params: { codes: ['mfa_token_expired'] } },
  target: '#passwordless.identify',
  actions: ['recordError', 'resetFlow'],
} as const;

/** The first factor was right, and Auth0 asks for a second one. */
export const toMfaWhenRequired = {
  guard: { type: 'errorIs', params: { codes: ['mfa_required'] } },
  target: '#passwordless.mfa_required',
  actions: 'beginMfa',
} as const;

/** The code (or link) can no longer be used: back to the code screen, where only resending helps. */
export const markDeadWhenExpired = {
  guard: { type: 'errorIs', params: { codes: ['code_expired', 'too_many_attempts'] } },
  target: '#passwordless.sent',
  actions: ['recordError', 'markCodeDead'],
} as const;

/** Leaving mid-flow: back to the identify step with nothing left of the transaction. */
export const startOver = { target: '#passwordless.identify', actions: ['resetFlow', 'clearError'] } as const;

/** A failed load can be tried again, once a 429's wait is over. */
export const retryUnlessRateLimited = (target: 'routing' | 'loading') =>
  [
    { guard: 'rateLimitActive', actions: 'refuseWhileRateLimited' },
    { target, actions: 'clearError' },
  ] as const;

/** Sending (and resending) a code or link. */
export const startPasswordless = {
  id: 'startPasswordless',
  src: 'startPasswordless',
  input: ({ context }: { context: PasswordlessContext }) => ({
    config: context.config,
    connection: context.connection,
    send: context.send,
    identifier: context.identifier,
    magicLink: context.magicLink,
  }),
} as const;

/** The code or link went out: its lifetime and the resend cooldown start now. */
export const recordCodeSent = {
  type: 'recordCodeSent',
  params: ({ event }: { event: { output: { sentAt: number } } }) => ({ sentAt: event.output.sentAt }),
} as const;

/** The magic link's nonce for the MFA grants' ID token, when the first factor was a link. */
export const linkNonceOf = (context: PasswordlessContext) =>
  context.magicLink ? { linkNonce: context.magicLink.nonce } : {};
