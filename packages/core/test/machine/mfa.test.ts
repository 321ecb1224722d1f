import { describe, expect, it } from 'vitest';
import { getPasswordlessView } from '../../src/machine/view.ts';
import {
  createMemoryStorage,
  persistPasswordless,
  restorePasswordless,
} from '../../src/machine/persistence.ts';
import { authenticator, chart, fail, session, settle, T0 } from './harness.ts';

const mfaRequired = (requirements?: { challenge?: { type: string }[]; enroll?: { type: string }[] }) =>
  fail('mfa_required', {
    status: 403,
    mfaToken: 'mfa-token-SECRET',
    ...(requirements ? { mfaRequirements: requirements } : {}),
  });

async function untilMfa(replies: Parameters<typeof chart>[0]) {
  const harness = chart({
    exchangeOtp: mfaRequired({ challenge: [{ type: 'otp' }, { type: 'recovery-code' }] }),
    ...replies,
  });
  harness.actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'totp@example.com' });
  await settle();
  harness.actor.send({ type: 'SUBMIT_CODE', otp: '123456' });
  await settle();
  await settle();
  return harness;
}

describe('MFA', () => {
  it('picks the only authenticator by itself and verifies a TOTP without a challenge request', async () => {
    const { actor, calls, callCount } = await untilMfa({
      listAuthenticators: [
        authenticator('totp|dev_1', 'otp'),
        authenticator('recovery-code|dev_2', 'recovery-code'),
      ],
    });
    expect(getPasswordlessView(actor.getSnapshot()).step).toBe('mfa_otp');
    expect(calls.listAuthenticators?.[0]?.input).toMatchObject({ mfaToken: 'mfa-token-SECRET' });
    actor.send({ type: 'SUBMIT_MFA_CODE', otp: '654321' });
    await settle();
    expect(callCount('requestChallenge')).toBe(0);
    expect(calls.verifyMfaOtp?.[0]?.input).toMatchObject({ otp: '654321', mfaToken: 'mfa-token-SECRET' });
    expect(getPasswordlessView(actor.getSnapshot()).step).toBe('authenticated');
    expect(actor.getSnapshot().context.mfa).toBeNull();
  });

  it('stays on the OTP step with the error after a wrong TOTP', async () => {
    const { actor } = await untilMfa({
      listAuthenticators: [authenticator('totp|dev_1', 'otp')],
      verifyMfaOtp: fail('invalid_mfa_code', { status: 403 }),
    });
    actor.send({ type: 'SUBMIT_MFA_CODE', otp: '000000' });
    await settle();
    expect(getPasswordlessView(actor.getSnapshot())).toMatchObject({
      step: 'mfa_otp',
      error: { code: 'invalid_mfa_code' },
    });
  });

  it('lets the person choose among factors, then challenges SMS and verifies the binding code', async () => {
    const { actor, calls } = await untilMfa({
      listAuthenticators: [
        authenticator('totp|dev_1', 'otp'),
        authenticator('sms|dev_2', 'phone', { oobChannel: 'sms' }),
      ],
      requestChallenge: { challengeType: 'oob', oobCode: 'oob-SECRET', bindingMethod: 'prompt' },
    });
    let view = getPasswordlessView(actor.getSnapshot());
    expect(view.step).toBe('mfa_choose');
    expect(view.mfa?.authenticators.map((entry) => entry.id)).toEqual(['totp|dev_1', 'sms|dev_2']);
    actor.send({ type: 'SELECT_AUTHENTICATOR', authenticatorId: 'unknown' });
    expect(getPasswordlessView(actor.getSnapshot()).step).toBe('mfa_choose');
    actor.send({ type: 'SELECT_AUTHENTICATOR', authenticatorId: 'sms|dev_2' });
    await settle();
    view = getPasswordlessView(actor.getSnapshot());
    expect(view.step).toBe('mfa_oob');
    expect(calls.requestChallenge?.[0]?.input).toMatchObject({ authenticatorId: 'sms|dev_2' });
    actor.send({ type: 'SUBMIT_MFA_CODE', otp: '111222' });
    await settle();
    expect(calls.verifyMfaOob?.[0]?.input).toMatchObject({ oobCode: 'oob-SECRET', bindingCode: '111222' });
    expect(actor.getSnapshot().matches('authenticated')).toBe(true);
  });

  it('polls push at the safe interval, slows down when told, and signs in once approved', async () => {
    let answers = [fail('authorization_pending', { status: 400 }), fail('slow_down', { status: 400 })];
    const { actor, callCount } = await untilMfa({
      listAuthenticators: [authenticator('push|dev_1', 'push-notification', { oobChannel: 'auth0' })],
      requestChallenge: { challengeType: 'oob', oobCode: 'oob-SECRET' },
      verifyMfaOob: () => answers.shift() ?? session(),
    });
    expect(getPasswordlessView(actor.getSnapshot()).mfa?.push).toMatchObject({
      pollIntervalSeconds: 5,
      secondsUntilNextPoll: 5,
    });
    expect(callCount('verifyMfaOob')).toBe(0);
    actor.send({ type: 'TICK', now: T0 + 4_000 });
    expect(callCount('verifyMfaOob')).toBe(0);
    actor.send({ type: 'TICK', now: T0 + 5_000 });
    await settle();
    expect(callCount('verifyMfaOob')).toBe(1);
    actor.send({ type: 'TICK', now: T0 + 10_000 });
    await settle();
    expect(callCount('verifyMfaOob')).toBe(2);
    expect(getPasswordlessView(actor.getSnapshot()).mfa?.push?.pollIntervalSeconds).toBe(10);
    actor.send({ type: 'TICK', now: T0 + 15_000 });
    await settle();
    expect(callCount('verifyMfaOob')).toBe(2);
    actor.send({ type: 'TICK', now: T0 + 20_000 });
    await settle();
    expect(callCount('verifyMfaOob')).toBe(3);
    expect(actor.getSnapshot().matches('authenticated')).toBe(true);
    answers = [];
  });

  it('RETRY after the authenticators failed to load clears the old error', async () => {
    let failures = 1;
    const { actor } = await untilMfa({
      listAuthenticators: () => (failures-- > 0 ? fail('network') : [authenticator('totp|dev_1', 'otp')]),
    });
    expect(getPasswordlessView(actor.getSnapshot())).toMatchObject({
      step: 'mfa_failed',
      error: { code: 'network' },
    });
    actor.send({ type: 'RETRY' });
    await settle();
    expect(getPasswordlessView(actor.getSnapshot())).toMatchObject({ step: 'mfa_otp', error: null });
  });

  it('stops polling when the push is rejected and can retry with a new challenge', async () => {
    const { actor, callCount } = await untilMfa({
      listAuthenticators: [authenticator('push|dev_1', 'push-notification')],
      requestChallenge: { challengeType: 'oob', oobCode: 'oob-SECRET' },
      verifyMfaOob: fail('push_rejected', { status: 400 }),
    });
    actor.send({ type: 'TICK', now: T0 + 5_000 });
    await settle();
    const view = getPasswordlessView(actor.getSnapshot());
    expect(view.mfa?.push?.rejected).toBe(true);
    expect(view.error?.code).toBe('push_rejected');
    actor.send({ type: 'TICK', now: T0 + 20_000 });
    await settle();
    expect(callCount('verifyMfaOob')).toBe(1);
    actor.send({ type: 'RETRY' });
    await settle();
    expect(callCount('requestChallenge')).toBe(2);
  });

  it('signs in with a recovery code and surfaces the replacement once', async () => {
    const { actor, calls } = await untilMfa({
      listAuthenticators: [
        authenticator('totp|dev_1', 'otp'),
        authenticator('recovery-code|dev_2', 'recovery-code'),
      ],
      verifyRecoveryCode: { ...session(), newRecoveryCode: 'NEWRECOVERYCODE000000001' },
    });
    actor.send({ type: 'USE_RECOVERY_CODE' });
    expect(getPasswordlessView(actor.getSnapshot()).step).toBe('mfa_recovery');
    actor.send({ type: 'SUBMIT_RECOVERY_CODE', recoveryCode: 'abcd efgh ijkl mnop qrst uvwx' });
    await settle();
    expect(calls.verifyRecoveryCode?.[0]?.input).toMatchObject({ recoveryCode: 'abcdefghijklmnopqrstuvwx' });
    expect(getPasswordlessView(actor.getSnapshot()).newRecoveryCode).toBe('NEWRECOVERYCODE000000001');
    actor.send({ type: 'ACKNOWLEDGE_RECOVERY_CODE' });
    expect(getPasswordlessView(actor.getSnapshot()).newRecoveryCode).toBeNull();
  });

  it('forgets an unacknowledged replacement recovery code on LOGOUT, in the view and in storage', async () => {
    const { actor } = await untilMfa({
      listAuthenticators: [
        authenticator('totp|dev_1', 'otp'),
        authenticator('recovery-code|dev_2', 'recovery-code'),
      ],
      verifyRecoveryCode: { ...session(), newRecoveryCode: 'NEWRECOVERYCODE000000001' },
    });
    actor.send({ type: 'USE_RECOVERY_CODE' });
    actor.send({ type: 'SUBMIT_RECOVERY_CODE', recoveryCode: 'RECOVERYUSERCODE00000001' });
    await settle();
    expect(getPasswordlessView(actor.getSnapshot()).newRecoveryCode).toBe('NEWRECOVERYCODE000000001');
    actor.send({ type: 'LOGOUT' });
    await settle();
    expect(getPasswordlessView(actor.getSnapshot())).toMatchObject({
      step: 'identify',
      newRecoveryCode: null,
    });
    const storage = createMemoryStorage();
    persistPasswordless(actor, storage)();
    expect(JSON.stringify([...storage.data.values()])).not.toContain('NEWRECOVERYCODE');
    expect(restorePasswordless(storage)?.context.newRecoveryCode ?? null).toBeNull();
  });

  it('enrols a TOTP authenticator when the user has none, then confirms it', async () => {
    const { actor, calls } = await untilMfa({
      exchangeOtp: mfaRequired({ enroll: [{ type: 'otp' }, { type: 'phone' }] }),
      listAuthenticators: [],
      associateAuthenticator: {
        authenticatorType: 'otp',
        secret: 'TOTPSECRET',
        barcodeUri: 'otpauth://totp/Tenant:a?secret=TOTPSECRET',
        recoveryCodes: ['FIRSTRECOVERYCODE0000001'],
      },
    });
    let view = getPasswordlessView(actor.getSnapshot());
    expect(view.step).toBe('mfa_enroll');
    expect(view.mfa?.enrollFactors).toEqual(['otp', 'sms']);
    actor.send({ type: 'ENROLL', factor: 'sms', phoneNumber: 'not a phone' });
    expect(getPasswordlessView(actor.getSnapshot()).error?.code).toBe('invalid_identifier');
    actor.send({ type: 'ENROLL', factor: 'otp' });
    await settle();
    view = getPasswordlessView(actor.getSnapshot());
    expect(view.step).toBe('mfa_otp');
    expect(view.mfa?.enrollment).toMatchObject({
      factor: 'otp',
      secret: 'TOTPSECRET',
      recoveryCodes: ['FIRSTRECOVERYCODE0000001'],
    });
    actor.send({ type: 'SUBMIT_MFA_CODE', otp: '123456' });
    await settle();
    expect(calls.verifyMfaOtp).toHaveLength(1);
    expect(actor.getSnapshot().matches('authenticated')).toBe(true);
  });

  it('enrols when the requirements ask only for enrolment, even if a factor is listed', async () => {
    const { actor } = await untilMfa({
      exchangeOtp: mfaRequired({ enroll: [{ type: 'otp' }] }),
      listAuthenticators: [authenticator('email|dev_1', 'email')],
    });
    expect(getPasswordlessView(actor.getSnapshot()).step).toBe('mfa_enroll');
  });

  it('enrols push and polls until the device confirms', async () => {
    const { actor, calls } = await untilMfa({
      exchangeOtp: mfaRequired({ enroll: [{ type: 'push-notification' }] }),
      associateAuthenticator: {
        authenticatorType: 'oob',
        oobChannel: 'auth0',
        oobCode: 'oob-SECRET',
        barcodeUri: 'otpauth://x',
      },
    });
    actor.send({ type: 'ENROLL', factor: 'push' });
    await settle();
    expect(getPasswordlessView(actor.getSnapshot()).step).toBe('mfa_push');
    actor.send({ type: 'TICK', now: T0 + 5_000 });
    await settle();
    expect(calls.verifyMfaOob?.[0]?.input).toMatchObject({ oobCode: 'oob-SECRET' });
    expect(actor.getSnapshot().matches('authenticated')).toBe(true);
  });

  it('returns to identify with mfa_token_expired when the 10 minutes pass', async () => {
    const { actor } = await untilMfa({ listAuthenticators: [authenticator('totp|dev_1', 'otp')] });
    actor.send({ type: 'TICK', now: T0 + 600_000 });
    const view = getPasswordlessView(actor.getSnapshot());
    expect(view.step).toBe('identify');
    expect(view.error?.code).toBe('mfa_token_expired');
    expect(actor.getSnapshot().context.mfa).toBeNull();
  });

  it('returns to identify when the server says the mfa_token expired', async () => {
    const { actor } = await untilMfa({
      listAuthenticators: [authenticator('totp|dev_1', 'otp')],
      verifyMfaOtp: fail('mfa_token_expired', { status: 403 }),
    });
    actor.send({ type: 'SUBMIT_MFA_CODE', otp: '123456' });
    await settle();
    expect(getPasswordlessView(actor.getSnapshot())).toMatchObject({
      step: 'identify',
      error: { code: 'mfa_token_expired' },
    });
  });

  it('offers retry when listing authenticators fails, and CANCEL from anywhere in MFA', async () => {
    let failOnce = true;
    const { actor } = await untilMfa({
      listAuthenticators: () =>
        failOnce ? ((failOnce = false), fail('network')) : [authenticator('totp|dev_1', 'otp')],
    });
    expect(getPasswordlessView(actor.getSnapshot())).toMatchObject({
      step: 'mfa_failed',
      error: { code: 'network' },
    });
    actor.send({ type: 'RETRY' });
    await settle();
    expect(getPasswordlessView(actor.getSnapshot()).step).toBe('mfa_otp');
    actor.send({ type: 'CANCEL' });
    expect(getPasswordlessView(actor.getSnapshot()).step).toBe('identify');
  });

  it('goes BACK from a challenge to the factor list', async () => {
    const { actor } = await untilMfa({
      listAuthenticators: [authenticator('totp|dev_1', 'otp'), authenticator('email|dev_2', 'email')],
    });
    actor.send({ type: 'SELECT_AUTHENTICATOR', authenticatorId: 'totp|dev_1' });
    expect(getPasswordlessView(actor.getSnapshot()).step).toBe('mfa_otp');
    actor.send({ type: 'BACK' });
    expect(getPasswordlessView(actor.getSnapshot()).step).toBe('mfa_choose');
  });
});
