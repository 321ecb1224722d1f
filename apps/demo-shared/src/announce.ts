import type { PasswordlessView } from '@passwordless-xstate/core';

/** The parts of the view that an announcement compares. */
export type AnnouncedView = Pick<PasswordlessView, 'step' | 'busy' | 'connection' | 'identifier'>;

const MFA_CODE_STEPS = new Set(['mfa_otp', 'mfa_oob', 'mfa_recovery']);

/**
 * What the polite live region says when the flow moves on without a new heading or field to
 * announce it: a code sent, a code being checked (the Verify button that said so is disabled and
 * no longer focused). Errors are not repeated here: every step's alert (role=alert) reads them.
 */
export function announcement(previous: AnnouncedView, current: AnnouncedView): string | null {
  if (previous.step === 'sending' && current.step === 'code')
    return `We sent a code to ${current.identifier}. Enter it in the one-time code field.`;
  if (previous.step === 'sending' && current.step === 'link_sent')
    return `We sent a sign-in link to ${current.identifier}.`;
  if (current.step === 'verifying' && previous.step !== 'verifying') return 'Verifying your code…';
  if (MFA_CODE_STEPS.has(current.step) && current.step === previous.step && current.busy && !previous.busy)
    return 'Verifying your code…';
  return null;
}
