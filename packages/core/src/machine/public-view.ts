import { getPasswordlessView, type PasswordlessSnapshot, type PasswordlessView } from './view.ts';

/** Absolute times (milliseconds since the epoch, server clock) that the countdowns run to. */
export interface PasswordlessDeadlines {
  codeExpiresAt: number | null;
  resendAvailableAt: number | null;
  /** A 429's wait on resending, which holds even once the code can no longer be used. */
  resendRetryAt: number | null;
  mfaExpiresAt: number | null;
  nextPollAt: number | null;
}

/**
 * The view as it may leave a server: no token, no `mfa_token`, no code a person typed, no client
 * secret (`session` is always `null`; the tokens stay on the server). What the person must see to
 * finish (a TOTP secret and QR code to enrol, recovery codes shown once) stays. The deadlines are
 * absolute, so a browser counts down without asking again.
 */
export interface PasswordlessPublicView extends Omit<PasswordlessView, 'session'> {
  session: null;
  deadlines: PasswordlessDeadlines;
  /** The server's clock when the view was made; the browser keeps the offset to its own. */
  serverNow: number;
}

/** `serverNow`: the server's clock now, when the snapshot was taken earlier (a stored flow). */
export function toPublicView(snapshot: PasswordlessSnapshot, serverNow?: number): PasswordlessPublicView {
  const view = getPasswordlessView(snapshot);
  const { context } = snapshot;
  return {
    ...view,
    session: null,
    deadlines: {
      codeExpiresAt: context?.codeExpiresAt ?? null,
      resendAvailableAt: context?.resendAvailableAt ?? null,
      resendRetryAt: context?.resendRetryAt ?? null,
      mfaExpiresAt: context?.mfa?.expiresAt ?? null,
      nextPollAt: context?.mfa?.challenge?.nextPollAt ?? null,
    },
    serverNow: serverNow ?? context?.now ?? Date.now(),
  };
}

const secondsUntil = (at: number | null, now: number) =>
  at === null ? 0 : Math.max(0, Math.ceil((at - now) / 1000));

/**
 * A public view brought to the browser's present: every countdown recomputed from its deadline at
 * `serverNow` (the browser's clock plus its measured offset to the server's).
 */
export function viewAt(publicView: PasswordlessPublicView, serverNow: number): PasswordlessView {
  const { deadlines, serverNow: _madeAt, ...view } = publicView;
  const codeExpired =
    view.codeExpired || (deadlines.codeExpiresAt !== null && serverNow >= deadlines.codeExpiresAt);
  return {
    ...view,
    codeExpired,
    // As the chart's rule: a dead code may be replaced at once, unless the server asked to wait.
    secondsUntilResend:
      codeExpired && secondsUntil(deadlines.resendRetryAt, serverNow) === 0
        ? 0
        : secondsUntil(deadlines.resendAvailableAt, serverNow),
    secondsUntilExpiry:
      deadlines.codeExpiresAt === null ? null : secondsUntil(deadlines.codeExpiresAt, serverNow),
    mfa: view.mfa && {
      ...view.mfa,
      secondsUntilExpiry: secondsUntil(deadlines.mfaExpiresAt, serverNow),
      push: view.mfa.push && {
        ...view.mfa.push,
        secondsUntilNextPoll: secondsUntil(deadlines.nextPollAt, serverNow),
      },
    },
  };
}
