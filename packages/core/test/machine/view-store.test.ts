import { describe, expect, it } from 'vitest';
import { createViewStore } from '../../src/machine/view-store.ts';
import { replaceEqualDeep } from '../../src/machine/structural-sharing.ts';
import { PasswordlessError } from '../../src/errors.ts';
import { authenticator, chart, settle, T0 } from './harness.ts';

describe('replaceEqualDeep', () => {
  it('returns the previous value when nothing changed, and shares every unchanged part', () => {
    const previous = { a: { b: [1, 2] }, c: { d: 'x' }, e: null };
    expect(replaceEqualDeep(previous, { a: { b: [1, 2] }, c: { d: 'x' }, e: null })).toBe(previous);
    const next = replaceEqualDeep(previous, { a: { b: [1, 2] }, c: { d: 'y' }, e: null });
    expect(next).toEqual({ a: { b: [1, 2] }, c: { d: 'y' }, e: null });
    expect(next).not.toBe(previous);
    expect(next.a).toBe(previous.a);
    expect(next.c).not.toBe(previous.c);
  });

  it('notices added, removed and undefined-valued keys, and longer arrays', () => {
    const previous: Record<string, unknown> = { a: 1, list: [1] };
    expect(replaceEqualDeep(previous, { a: 1, list: [1], b: undefined })).not.toBe(previous);
    expect(replaceEqualDeep(previous, { a: 1 })).toEqual({ a: 1 });
    expect(replaceEqualDeep(previous, { a: 1, list: [1, 2] })).toEqual({ a: 1, list: [1, 2] });
  });
});

describe('createViewStore', () => {
  it('keeps the view while a tick changes nothing shown, and the unchanged parts when a countdown moves', () => {
    const { actor } = chart();
    actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com' });
    return settle().then(() => {
      const store = createViewStore(actor);
      const first = store.getView();
      expect(first.step).toBe('code');
      expect(store.getView()).toBe(first);

      actor.send({ type: 'TICK', now: T0 + 200 });
      expect(store.getView()).toBe(first);

      actor.send({ type: 'TICK', now: T0 + 5000 });
      const later = store.getView();
      expect(later).not.toBe(first);
      expect(later.secondsUntilResend).toBeLessThan(first.secondsUntilResend);
      expect(later.can).toBe(first.can);
      expect(later.error).toBe(first.error);
    });
  });

  it('keeps session and authenticators by reference across ticks, and tells subscribers only of changes', async () => {
    const mfaRequired = new PasswordlessError('mfa_required', { mfaToken: 'mfa-token-SECRET' });
    const { actor } = chart({
      exchangeOtp: mfaRequired,
      listAuthenticators: [
        authenticator('totp|dev_1', 'otp'),
        authenticator('sms|dev_2', 'phone', { oobChannel: 'sms' }),
      ],
    });
    actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com' });
    await settle();
    actor.send({ type: 'SUBMIT_CODE', otp: '123456' });
    await settle();
    await settle();
    const store = createViewStore(actor);
    const seen: unknown[] = [];
    const unsubscribe = store.subscribe((view) => seen.push(view));
    const choosing = store.getView();
    expect(choosing.step).toBe('mfa_choose');

    actor.send({ type: 'TICK', now: T0 + 100 });
    expect(seen).toHaveLength(0);
    actor.send({ type: 'TICK', now: T0 + 61_000 });
    expect(seen).toHaveLength(1);
    const later = store.getView();
    expect(later.mfa?.secondsUntilExpiry).toBeLessThan(choosing.mfa?.secondsUntilExpiry ?? 0);
    expect(later.mfa?.authenticators).toBe(choosing.mfa?.authenticators);

    actor.send({ type: 'SELECT_AUTHENTICATOR', authenticatorId: 'totp|dev_1' });
    actor.send({ type: 'SUBMIT_MFA_CODE', otp: '654321' });
    await settle();
    const signedIn = store.getView();
    expect(signedIn.step).toBe('authenticated');
    actor.send({ type: 'TICK', now: T0 + 120_000 });
    expect(store.getView().session).toBe(signedIn.session);
    expect(store.getView().user).toBe(signedIn.user);
    unsubscribe();
  });
});
