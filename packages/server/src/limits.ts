import {
  toPublicView,
  viewAt,
  type PasswordlessEvent,
  type PasswordlessSnapshot,
} from '@passwordless-xstate/core';
import { HttpProblem } from './http.ts';
import type { RequestContext } from './request-context.ts';
import type { RateLimitHit } from './store/types.ts';

const HOUR = 3600_000;

function refusal(hit: RateLimitHit, now: number, what: string): HttpProblem {
  const retryAfter = Math.max(1, Math.ceil((hit.resetAt - now) / 1000));
  return new HttpProblem(429, 'rate_limited', `Too many ${what}; try again in ${retryAfter} s.`, {
    'retry-after': String(retryAfter),
    ...rateLimitHeaders(hit),
  });
}

export const rateLimitHeaders = (hit: RateLimitHit): Record<string, string> => ({
  'x-ratelimit-limit': String(hit.limit),
  'x-ratelimit-remaining': String(hit.remaining),
  'x-ratelimit-reset': String(Math.ceil(hit.resetAt / 1000)),
});

async function count(context: RequestContext, key: string, limit: number, windowMs: number, what: string) {
  const hit = await context.options.store.hit(key, limit, windowMs);
  if (!hit.allowed) throw refusal(hit, context.options.now(), what);
  return hit;
}

/**
 * Whether this event may make the chart ask Auth0 to send a code or link. Judged from the stored
 * state, which has not seen this request's clock yet, so it errs on counting.
 */
const startsSending = (snapshot: PasswordlessSnapshot, event: PasswordlessEvent) =>
  (event.type === 'SUBMIT_IDENTIFIER' && snapshot.matches({ identify: 'editing' })) ||
  (event.type === 'RESEND' && snapshot.matches('sent'));

function identifierOf(snapshot: PasswordlessSnapshot, event: PasswordlessEvent): string {
  const typed = event.type === 'SUBMIT_IDENTIFIER' ? event.identifier : snapshot.context.identifier;
  return typeof typed === 'string' ? typed.trim().toLowerCase() : '';
}

/**
 * The server's own limits, before anything reaches Auth0: Auth0 counts a confidential app's starts
 * against the tenant's global limit, so one abusive visitor must not use it up for everybody.
 * Also refuses what the chart would ignore anyway but a script could repeat: an early resend, and
 * push polls sooner than the interval.
 */
const resendStillCooling = (snapshot: PasswordlessSnapshot, time: number) =>
  viewAt(toPublicView(snapshot, time), time).secondsUntilResend > 0;

export async function checkLimits(
  context: RequestContext,
  flowId: string | null,
  snapshot: PasswordlessSnapshot,
  event: PasswordlessEvent,
): Promise<RateLimitHit | null> {
  const { limits, now } = context.options;
  const time = now();
  let lastHit: RateLimitHit | null = null;
  if (flowId) {
    lastHit = await count(
      context,
      `flow:${flowId}`,
      limits.requestsPerFlowPerMinute,
      60_000,
      'requests for this sign-in',
    );
  }
  const { resendAvailableAt, mfa } = snapshot.context;
  // The chart's own rule at this moment: a code that can no longer be used may be replaced at once.
  if (event.type === 'RESEND' && resendAvailableAt !== null && resendStillCooling(snapshot, time)) {
    throw refusal({ allowed: false, limit: 1, remaining: 0, resetAt: resendAvailableAt }, time, 'resends');
  }
  const nextPollAt = mfa?.challenge?.nextPollAt;
  // A second early is the browser's clock; more is a script polling faster than the interval.
  if (
    event.type === 'TICK' &&
    snapshot.matches({ challenge: 'push' }) &&
    nextPollAt &&
    time < nextPollAt - 1000
  ) {
    throw refusal({ allowed: false, limit: 1, remaining: 0, resetAt: nextPollAt }, time, 'push polls');
  }
  if (startsSending(snapshot, event)) {
    lastHit = await count(
      context,
      `start:ip:${context.ip ?? 'unknown'}`,
      limits.startsPerIpPerHour,
      HOUR,
      'codes sent from your network',
    );
    const identifier = identifierOf(snapshot, event);
    if (identifier) {
      await count(
        context,
        `start:id:${identifier}`,
        limits.startsPerIdentifierPerHour,
        HOUR,
        `codes sent to ${identifier}`,
      );
    }
  }
  return lastHit;
}
