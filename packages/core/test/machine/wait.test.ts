import { describe, expect, it } from 'vitest';
import { isPasswordlessError } from '../../src/errors.ts';
import { waitForStep } from '../../src/machine/wait.ts';
import { authenticator, chart, fail, session, settle, T0 } from './harness.ts';

// Short, so that a regression to "wait for the timeout" fails fast instead of passing late.
const timeoutMs = 2000;

const mfaRequired = fail('mfa_required', {
  status: 403,
  mfaToken: 'mfa-token-SECRET',
  mfaRequirements: { challenge: [{ type: 'push-notification' }] },
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected waitForStep to reject');
}

describe('waitForStep', () => {
  it('resolves with the snapshot once the flow reaches the step', async () => {
    const { actor } = chart();
    actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com' });
    const snapshot = await waitForStep(actor, ['code', 'link_sent'], { timeoutMs });
    expect(snapshot.context.identifier).toBe('alice@example.com');
  });

  it("rejects with the flow's PasswordlessError when a wrong code sends it back to the code step", async () => {
    const { actor } = chart({
      exchangeOtp: fail('invalid_code', { status: 403, auth0Error: 'invalid_grant' }),
    });
    actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com' });
    await waitForStep(actor, 'code', { timeoutMs });
    actor.send({ type: 'SUBMIT_CODE', otp: '000000' });
    const error = await rejection(waitForStep(actor, 'authenticated', { timeoutMs }));
    expect(isPasswordlessError(error, 'invalid_code')).toBe(true);
    expect(error).toMatchObject({ status: 403, auth0Error: 'invalid_grant' });
  });

  it('rejects when the flow is back at identify with an error, keeping retryAfter', async () => {
    const { actor } = chart({ startPasswordless: fail('rate_limited', { status: 429, retryAfter: 120 }) });
    actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com' });
    const error = await rejection(waitForStep(actor, 'code', { timeoutMs }));
    expect(isPasswordlessError(error, 'rate_limited')).toBe(true);
    expect(error).toMatchObject({ retryAfter: 120 });
  });

  it('rejects at once for an error the chart found before any request (checked when called)', async () => {
    const { actor } = chart();
    actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'not-an-email' });
    const error = await rejection(waitForStep(actor, 'code', { timeoutMs }));
    expect(isPasswordlessError(error, 'invalid_identifier')).toBe(true);
  });

  it('resolves when the step it waits for carries an error', async () => {
    const { actor } = chart({ startPasswordless: fail('network') });
    actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com' });
    const snapshot = await waitForStep(actor, 'identify', { timeoutMs });
    expect(snapshot.context.error?.code).toBe('network');
  });

  it('ignores the error of an earlier attempt once the next event has started a request', async () => {
    let attempts = 0;
    const { actor } = chart({ exchangeOtp: () => (++attempts === 1 ? fail('invalid_code') : session()) });
    actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com' });
    await waitForStep(actor, 'code', { timeoutMs });
    actor.send({ type: 'SUBMIT_CODE', otp: '000000' });
    await rejection(waitForStep(actor, 'authenticated', { timeoutMs }));
    expect(actor.getSnapshot().context.error?.code).toBe('invalid_code');
    actor.send({ type: 'SUBMIT_CODE', otp: '123456' });
    await expect(waitForStep(actor, 'authenticated', { timeoutMs })).resolves.toBeDefined();
  });

  it('keeps waiting through a push poll that failed for a passing reason, which the chart retries', async () => {
    let polls = 0;
    const { actor } = chart({
      exchangeOtp: mfaRequired,
      listAuthenticators: [authenticator('push|dev_1', 'push-notification', { oobChannel: 'auth0' })],
      requestChallenge: { challengeType: 'oob', oobCode: 'oob-code-SECRET' },
      verifyMfaOob: () => (++polls === 1 ? fail('network') : session()),
    });
    actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com' });
    await waitForStep(actor, 'code', { timeoutMs });
    actor.send({ type: 'SUBMIT_CODE', otp: '123456' });
    await waitForStep(actor, 'mfa_push', { timeoutMs });
    const authenticated = waitForStep(actor, 'authenticated', { timeoutMs });
    actor.send({ type: 'TICK', now: T0 + 60_000 });
    await settle();
    expect(actor.getSnapshot().context.error?.code).toBe('network');
    actor.send({ type: 'TICK', now: T0 + 120_000 });
    await expect(authenticated).resolves.toBeDefined();
    expect(polls).toBe(2);
  });

  it('rejects with push_rejected when the person turns the push notification down', async () => {
    const { actor } = chart({
      exchangeOtp: mfaRequired,
      listAuthenticators: [authenticator('push|dev_1', 'push-notification', { oobChannel: 'auth0' })],
      requestChallenge: { challengeType: 'oob', oobCode: 'oob-code-SECRET' },
      verifyMfaOob: fail('push_rejected', { status: 403 }),
    });
    actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com' });
    await waitForStep(actor, 'code', { timeoutMs });
    actor.send({ type: 'SUBMIT_CODE', otp: '123456' });
    await waitForStep(actor, 'mfa_push', { timeoutMs });
    actor.send({ type: 'TICK', now: T0 + 60_000 });
    const error = await rejection(waitForStep(actor, 'authenticated', { timeoutMs }));
    expect(isPasswordlessError(error, 'push_rejected')).toBe(true);
  });
});
