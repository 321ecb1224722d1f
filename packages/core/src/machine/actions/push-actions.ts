import { answeredAtOf } from '../actors.ts';
import type { MfaChallengeState, PasswordlessContext } from '../types.ts';
import { errorOf, mfaOf, retryAfterOf, update } from './update.ts';

/** Auth0's `slow_down` asks for 5 s more than the interval that was too short. */
const SLOW_DOWN_EXTRA_MS = 5000;

function withPushChallenge(
  context: PasswordlessContext,
  next: (challenge: MfaChallengeState) => MfaChallengeState,
) {
  const mfa = mfaOf(context);
  return { mfa: { ...mfa, challenge: next(mfa.challenge ?? { type: 'push' }) } };
}

/** Polls count from when the previous answer arrived, never from the tick that noticed it. */
const answeredAt = (context: PasswordlessContext, event: unknown) =>
  Math.max(context.now, answeredAtOf(errorOf(event)) ?? context.now);

/** Waiting for a push approval: when to poll next. */
export const pushActions = {
  startPushPolling: update(({ context }) => {
    const pollIntervalMs = context.config.pushPollIntervalSeconds * 1000;
    return withPushChallenge(context, (challenge) => ({
      ...challenge,
      type: 'push',
      pollIntervalMs,
      nextPollAt: context.now + pollIntervalMs,
      polls: 0,
    }));
  }),
  // One interval after the answer arrived (never sooner), at the base interval again once a
  // slowed-down poll was answered, or later if a 429 asked for it.
  schedulePoll: update(({ context, event }) => {
    const interval = context.config.pushPollIntervalSeconds * 1000;
    const wait = Math.max(interval, retryAfterOf(errorOf(event)) * 1000);
    return withPushChallenge(context, (challenge) => ({
      ...challenge,
      pollIntervalMs: interval,
      nextPollAt: answeredAt(context, event) + wait,
      polls: (challenge.polls ?? 0) + 1,
    }));
  }),
  slowDownPolling: update(({ context, event }) =>
    withPushChallenge(context, (challenge) => {
      const interval =
        (challenge.pollIntervalMs ?? context.config.pushPollIntervalSeconds * 1000) + SLOW_DOWN_EXTRA_MS;
      return {
        ...challenge,
        pollIntervalMs: interval,
        nextPollAt: answeredAt(context, event) + interval,
        polls: (challenge.polls ?? 0) + 1,
      };
    }),
  ),
};
