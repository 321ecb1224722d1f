import { describe, expect, it } from 'vitest';
import type { PasswordlessSnapshot } from '../../src/machine/view.ts';
import { advanceEmulatorClock, latest, startFlow, totp } from './helpers.ts';

/** First factor by e-mail code; returns the flow waiting in the MFA step. */
async function untilSecondFactor(email: string, options: Parameters<typeof startFlow>[0] = {}) {
  const flow = startFlow(options);
  flow.actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: email });
  await flow.until('code');
  flow.actor.send({ type: 'SUBMIT_CODE', otp: (await latest(email)).code ?? '' });
  await flow.until(
    (snapshot) =>
      (snapshot.matches('mfa_required') || snapshot.matches('challenge')) && !snapshot.hasTag('busy'),
  );
  return flow;
}

const signedIn = (snapshot: PasswordlessSnapshot) => snapshot.matches({ authenticated: 'active' });

describe('MFA against the emulator', () => {
  it('TOTP: the only factor is chosen by itself; the ID token says amr=mfa', async () => {
    const flow = await untilSecondFactor('totp@example.com');
    expect(flow.view().step).toBe('mfa_otp');
    flow.actor.send({ type: 'SUBMIT_MFA_CODE', otp: totp('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP') });
    await flow.until(signedIn);
    expect(flow.view().claims?.amr).toEqual(['mfa']);
    flow.actor.stop();
  });

  it('SMS binding code from the challenge', async () => {
    const flow = await untilSecondFactor('sms-mfa@example.com');
    expect(flow.view()).toMatchObject({ step: 'mfa_oob', mfa: { challenge: 'oob' } });
    flow.actor.send({ type: 'SUBMIT_MFA_CODE', otp: (await latest('+15555550101')).code ?? '' });
    await flow.until(signedIn);
    flow.actor.stop();
  });

  it('e-mail binding code, after a wrong one', async () => {
    const flow = await untilSecondFactor('email-mfa@example.com');
    const code = (await latest('email-mfa@example.com')).code ?? '';
    flow.actor.send({ type: 'SUBMIT_MFA_CODE', otp: code === '000000' ? '111111' : '000000' });
    await flow.until((snapshot) => snapshot.context.error !== null);
    expect(flow.view()).toMatchObject({ step: 'mfa_oob', error: { code: 'invalid_mfa_code' } });
    flow.actor.send({ type: 'SUBMIT_MFA_CODE', otp: code });
    await flow.until(signedIn);
    flow.actor.stop();
  });

  it('push: polls, slows down when polled too fast, and signs in once approved', async () => {
    const flow = await untilSecondFactor('push@example.com', { manualTime: true });
    expect(flow.view().step).toBe('mfa_push');
    let now = Date.now();
    const tick = async (seconds: number) => {
      now += seconds * 1000;
      flow.actor.send({ type: 'TICK', now });
      await flow.until((snapshot) => !snapshot.hasTag('busy'));
    };
    await tick(5);
    expect(flow.view().mfa?.push?.polls).toBe(1);
    // The emulator's clock has not moved, so this second poll is too soon for it: slow_down.
    await tick(5);
    expect(flow.view().mfa?.push?.pollIntervalSeconds).toBe(10);
    const push = await latest('push@example.com');
    await fetch(`${flow.actor.getSnapshot().context.config.baseUrl}/__dev/push/${push.id}/approve`, {
      method: 'POST',
    });
    await advanceEmulatorClock(10);
    await tick(10);
    await flow.until(signedIn);
    flow.actor.stop();
  });

  it('push rejected: stops polling with push_rejected and offers a retry', async () => {
    const flow = await untilSecondFactor('multi@example.com', { manualTime: true });
    expect(flow.view().step).toBe('mfa_choose');
    const push = flow
      .view()
      .mfa?.authenticators.find((authenticator) => authenticator.type === 'push-notification');
    flow.actor.send({ type: 'SELECT_AUTHENTICATOR', authenticatorId: push?.id ?? '' });
    await flow.until('mfa_push');
    const message = await latest('multi@example.com');
    await fetch(`${flow.actor.getSnapshot().context.config.baseUrl}/__dev/push/${message.id}/reject`, {
      method: 'POST',
    });
    await advanceEmulatorClock(6);
    flow.actor.send({ type: 'TICK', now: Date.now() + 6000 });
    await flow.until((snapshot) => snapshot.matches({ challenge: { push: 'rejected' } }));
    expect(flow.view()).toMatchObject({ error: { code: 'push_rejected' }, can: { retry: true } });
    flow.actor.stop();
  });

  it('recovery code: signs in and hands over the replacement', async () => {
    const flow = await untilSecondFactor('recovery@example.com');
    flow.actor.send({ type: 'USE_RECOVERY_CODE' });
    flow.actor.send({ type: 'SUBMIT_RECOVERY_CODE', recoveryCode: 'RECOVERYUSERCODE00000001' });
    await flow.until(signedIn);
    expect(flow.view().newRecoveryCode).toMatch(/^[A-Z0-9]{24}$/);
    expect(flow.view().newRecoveryCode).not.toBe('RECOVERYUSERCODE00000001');
    flow.actor.stop();
  });

  it('enrolment: a user who must enrol scans a TOTP secret and confirms with its first code', async () => {
    const flow = await untilSecondFactor('enroll@example.com');
    expect(flow.view().step).toBe('mfa_enroll');
    flow.actor.send({ type: 'ENROLL', factor: 'otp' });
    await flow.until('mfa_otp');
    const enrollment = flow.view().mfa?.enrollment;
    expect(enrollment?.barcodeUri).toMatch(/^otpauth:\/\/totp\//);
    expect(enrollment?.recoveryCodes).toHaveLength(1);
    flow.actor.send({ type: 'SUBMIT_MFA_CODE', otp: totp(enrollment?.secret ?? '') });
    await flow.until(signedIn);
    flow.actor.stop();
  });

  it('enrolment by SMS for an app that requires MFA of everyone', async () => {
    const email = `new-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const flow = await untilSecondFactor(email, { clientId: 'pwl-mfa' });
    expect(flow.view().step).toBe('mfa_enroll');
    flow.actor.send({ type: 'ENROLL', factor: 'sms', phoneNumber: '+15555550177' });
    await flow.until('mfa_oob');
    flow.actor.send({ type: 'SUBMIT_MFA_CODE', otp: (await latest('+15555550177')).code ?? '' });
    await flow.until(signedIn);
    flow.actor.stop();
  });
});
