import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { passwordlessActorArgs } from '../../src/machine/create.ts';
import { createMemoryStorage, decidePersistence } from '../../src/machine/persistence.ts';
import { getPasswordlessView } from '../../src/machine/view.ts';
import { chart, fail, session, settle, T0 } from './harness.ts';

const view = (actor: ReturnType<typeof chart>['actor']) => getPasswordlessView(actor.getSnapshot());

async function codeSentTo(harness: ReturnType<typeof chart>, identifier = 'alice@example.com') {
  harness.actor.send({ type: 'SUBMIT_IDENTIFIER', identifier });
  await settle();
  expect(view(harness.actor).step).toBe('code');
}

describe('a code that can no longer be used', () => {
  it('may be replaced at once after the last wrong attempt, though the cooldown has not run out', async () => {
    const harness = chart({ exchangeOtp: fail('too_many_attempts', { status: 403 }) });
    await codeSentTo(harness);
    expect(view(harness.actor).secondsUntilResend).toBe(30);
    harness.actor.send({ type: 'SUBMIT_CODE', otp: '123456' });
    await settle();
    expect(view(harness.actor)).toMatchObject({ codeExpired: true, secondsUntilResend: 0 });
    expect(view(harness.actor).can.resend).toBe(true);
    harness.actor.send({ type: 'RESEND' });
    await settle();
    expect(harness.callCount('startPasswordless')).toBe(2);
  });

  it('may be replaced at once when it expires before the cooldown ends', async () => {
    const harness = chart({}, { codeLifetimeSeconds: 10, resendCooldownSeconds: 60 });
    await codeSentTo(harness);
    harness.actor.send({ type: 'TICK', now: T0 + 9_000 });
    expect(view(harness.actor).can.resend).toBe(false);
    harness.actor.send({ type: 'TICK', now: T0 + 10_000 });
    expect(view(harness.actor)).toMatchObject({ codeExpired: true, secondsUntilResend: 0 });
    expect(view(harness.actor).can.resend).toBe(true);
  });

  it('still waits for a server’s Retry-After on resending', async () => {
    let resends = 0;
    const harness = chart({
      startPasswordless: () =>
        resends++ === 0 ? { sentAt: T0 } : fail('rate_limited', { status: 429, retryAfter: 90 }),
      exchangeOtp: fail('too_many_attempts', { status: 403 }),
    });
    await codeSentTo(harness);
    harness.actor.send({ type: 'TICK', now: T0 + 30_000 });
    harness.actor.send({ type: 'RESEND' });
    await settle();
    harness.actor.send({ type: 'SUBMIT_CODE', otp: '123456' });
    await settle();
    expect(view(harness.actor).codeExpired).toBe(true);
    expect(view(harness.actor).can.resend).toBe(false);
    expect(view(harness.actor).secondsUntilResend).toBe(90);
    harness.actor.send({ type: 'TICK', now: T0 + 120_000 });
    expect(view(harness.actor).can.resend).toBe(true);
  });
});

describe('the resend cooldown belongs to the address', () => {
  it('gives the same address its code back within the cooldown instead of sending a new one', async () => {
    const harness = chart({ exchangeOtp: fail('invalid_code', { status: 403 }) });
    await codeSentTo(harness);
    harness.actor.send({ type: 'SUBMIT_CODE', otp: '000000' });
    await settle();
    harness.actor.send({ type: 'TICK', now: T0 + 10_000 });
    harness.actor.send({ type: 'CHANGE_IDENTIFIER' });
    expect(view(harness.actor).step).toBe('identify');

    harness.actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: ' Alice@Example.com ' });
    expect(view(harness.actor)).toMatchObject({ step: 'code', secondsUntilResend: 20, attemptsLeft: 2 });
    expect(harness.callCount('startPasswordless')).toBe(1);
  });

  it('sends to another address, and to the same one once its cooldown is over', async () => {
    const harness = chart();
    await codeSentTo(harness);
    harness.actor.send({ type: 'CHANGE_IDENTIFIER' });
    await codeSentTo(harness, 'bob@example.com');
    expect(harness.callCount('startPasswordless')).toBe(2);
    harness.actor.send({ type: 'CHANGE_IDENTIFIER' });
    harness.actor.send({ type: 'TICK', now: T0 + 31_000 });
    await codeSentTo(harness, 'alice@example.com');
    expect(harness.callCount('startPasswordless')).toBe(3);
  });
});

describe('after a resend', () => {
  it('says that only the newest code works when a code is wrong', async () => {
    const harness = chart({ exchangeOtp: fail('invalid_code', { status: 403 }) });
    await codeSentTo(harness);
    harness.actor.send({ type: 'SUBMIT_CODE', otp: '000000' });
    await settle();
    expect(view(harness.actor).codeResent).toBe(false);
    expect(view(harness.actor).error?.message).not.toMatch(/newest/);

    harness.actor.send({ type: 'TICK', now: T0 + 30_000 });
    harness.actor.send({ type: 'RESEND' });
    await settle();
    harness.actor.send({ type: 'SUBMIT_CODE', otp: '111111' });
    await settle();
    expect(view(harness.actor).codeResent).toBe(true);
    expect(view(harness.actor).error).toMatchObject({ code: 'invalid_code' });
    expect(view(harness.actor).error?.message).toMatch(/Only the newest code works/);
  });
});

describe('a reload that ended a flow whose secrets stayed in memory', () => {
  const options = { clientId: 'client', domain: 'tenant.test' };

  it('starts at identify with the address prefilled and a notice, until the person goes on', () => {
    const storage = createMemoryStorage();
    const interrupted = {
      notice: 'session_ended',
      identifier: 'alice@example.com',
      connection: 'email',
      send: 'code',
    };
    storage.setItem('passwordless-xstate', JSON.stringify({ v: 1, chart: 3, interrupted }));
    const { logic, actorOptions } = passwordlessActorArgs({ ...options, persist: { storage } });
    const actor = createActor(logic, actorOptions).start();
    expect(getPasswordlessView(actor.getSnapshot())).toMatchObject({
      step: 'identify',
      identifier: 'alice@example.com',
      notice: 'session_ended',
      error: null,
    });
    actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com' });
    expect(getPasswordlessView(actor.getSnapshot()).notice).toBeNull();
    actor.stop();
  });

  it('ignores a record it does not understand', () => {
    const storage = createMemoryStorage();
    const forged = {
      notice: 'session_ended',
      identifier: { toString: 1 },
      connection: 'email',
      send: 'code',
    };
    storage.setItem('passwordless-xstate', JSON.stringify({ v: 1, chart: 3, interrupted: forged }));
    const { actorOptions } = passwordlessActorArgs({ ...options, persist: { storage } });
    expect(actorOptions.input).not.toHaveProperty('interrupted');
    expect(storage.getItem('passwordless-xstate')).toBeNull();
  });
});

describe('persisting only the refresh token of a signed-in session', () => {
  it('keeps the refresh token and nothing else secret, and a reload refreshes at once', async () => {
    const signedIn = chart();
    await codeSentTo(signedIn);
    signedIn.actor.send({ type: 'SUBMIT_CODE', otp: '123456' });
    await settle();
    const decision = decidePersistence(signedIn.actor, { includeSecrets: 'refresh-token' });
    if (decision.kind !== 'save') throw new Error(`expected a snapshot, got ${decision.kind}`);
    const stored = JSON.stringify(decision.snapshot);
    expect(stored).toContain('refresh-token-SECRET');
    expect(stored).not.toMatch(/access-token-SECRET|id-token-SECRET/);

    const refreshed = session({ accessToken: 'new-access-token' });
    const reloaded = chart({ refreshSession: refreshed }, {}, JSON.parse(stored));
    await settle();
    expect(reloaded.calls.refreshSession?.[0]?.input).toMatchObject({ refreshToken: 'refresh-token-SECRET' });
    expect(view(reloaded.actor)).toMatchObject({ step: 'authenticated', busy: false });
    expect(view(reloaded.actor).session?.accessToken).toBe('new-access-token');
  });

  it('still starts MFA over, with a notice', async () => {
    const harness = chart({ exchangeOtp: fail('mfa_required', { mfaToken: 'mfa-token-SECRET' }) });
    await codeSentTo(harness);
    harness.actor.send({ type: 'SUBMIT_CODE', otp: '123456' });
    await settle();
    await settle();
    expect(decidePersistence(harness.actor, { includeSecrets: 'refresh-token' })).toMatchObject({
      kind: 'interrupted',
      interrupted: { notice: 'flow_interrupted' },
    });
  });
});
