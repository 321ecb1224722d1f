import { generateTotp } from '@passwordless-xstate/emulator';
import type { PasswordlessActionName, PasswordlessEvent, PasswordlessStep } from '@passwordless-xstate/core';
import { expect } from 'vitest';
import { codeFor, type Flow, type Lane } from '../support/lane.ts';

/** Does what a person does: only through an action the view offers, then waits for the answer. */
export async function perform(flow: Flow, action: PasswordlessActionName, event: PasswordlessEvent) {
  expect(flow.view().can[action], `the view offers ${action} at ${flow.view().step}`).toBe(true);
  flow.send(event);
  return flow.settle();
}

export async function expectStep(flow: Flow, step: PasswordlessStep | PasswordlessStep[]) {
  const steps = Array.isArray(step) ? step : [step];
  expect(steps, `error: ${JSON.stringify(flow.view().error)}`).toContain(flow.view().step);
}

export const signedIn = (flow: Flow) => flow.snapshot().matches({ authenticated: 'active' });

export async function submitIdentifier(flow: Flow, identifier: string, options: { send?: 'link' } = {}) {
  await perform(flow, 'submitIdentifier', { type: 'SUBMIT_IDENTIFIER', identifier, ...options });
}

export async function submitCode(flow: Flow, lane: Lane, to: string) {
  await perform(flow, 'submitCode', { type: 'SUBMIT_CODE', otp: codeFor(lane, to) });
}

export async function submitMfaCode(flow: Flow, otp: string) {
  await perform(flow, 'submitMfaCode', { type: 'SUBMIT_MFA_CODE', otp });
}

export const totpNow = (lane: Lane, secret: string) => generateTotp(secret, lane.clock.now());

/** After the resend cooldown (and any Retry-After), a new code: the way on when the last one is lost. */
export async function resendAfterCooldown(flow: Flow) {
  await flow.tick(flow.view().secondsUntilResend + 1);
  await perform(flow, 'resend', { type: 'RESEND' });
}

/** A code login to the step after the first factor (MFA or signed in). */
export async function firstFactor(flow: Flow, lane: Lane, email: string) {
  await submitIdentifier(flow, email);
  await expectStep(flow, 'code');
  await submitCode(flow, lane, email);
}

/** Polls (a tick per interval) until the push is answered or `max` polls went by. */
export async function pollUntilSignedIn(flow: Flow, max = 8) {
  for (let poll = 0; poll < max && !signedIn(flow); poll++) {
    const wait = flow.view().mfa?.push?.secondsUntilNextPoll ?? 5;
    await flow.tick(Math.max(1, wait));
  }
}
