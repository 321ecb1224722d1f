import type { PasswordlessDeadlines, PasswordlessPublicView } from '../machine/public-view.ts';
import type { PasswordlessStep } from '../machine/view.ts';

// Where a deadline changes what the chart allows. Elsewhere a stale deadline must not cause a
// request: after sign-in the server has no flow left, and an event there would start a new one.
const timedSteps: ReadonlySet<PasswordlessStep> = new Set<PasswordlessStep>([
  'code',
  'link_sent',
  'mfa_choose',
  'mfa_enroll',
  'mfa_otp',
  'mfa_oob',
  'mfa_push',
  'mfa_recovery',
]);

const deadlineKeys: readonly (keyof PasswordlessDeadlines)[] = [
  'resendAvailableAt',
  'resendRetryAt',
  'codeExpiresAt',
  'mfaExpiresAt',
  'nextPollAt',
];

/**
 * Whether a deadline of `view` has passed by `serverNow` (the server's clock as the browser
 * estimates it) since the server made the view: then only the server can say what comes next
 * (a push poll, an expired code, a resend allowed), so the browser asks it with a `TICK`.
 */
export function isTickDue(view: PasswordlessPublicView, serverNow: number): boolean {
  if (!timedSteps.has(view.step)) return false;
  return deadlineKeys.some((key) => {
    const at = view.deadlines[key];
    return at !== null && at > view.serverNow && at <= serverNow;
  });
}
