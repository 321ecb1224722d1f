import { describe, expect, it } from 'vitest';
import type { PasswordlessEvent } from '../../src/machine/types.ts';
import { getPasswordlessView } from '../../src/machine/view.ts';
import { authenticator, chart, fail, settle, T0 } from './harness.ts';

/** What a request body or a console can put where the chart expects text. */
const notText: unknown[] = [undefined, null, 42, Number.NaN, true, {}, [], ['a@b.co'], { toString: 'x' }];

const malformed = (event: Record<string, unknown>) => event as unknown as PasswordlessEvent;

async function atMfa(replies: Parameters<typeof chart>[0] = {}) {
  const harness = chart({
    exchangeOtp: fail('mfa_required', { status: 403, mfaToken: 'mfa-token-SECRET' }),
    ...replies,
  });
  harness.actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com' });
  await settle();
  harness.actor.send({ type: 'SUBMIT_CODE', otp: '123456' });
  await settle();
  await settle();
  return harness;
}

describe('event payloads are untrusted', () => {
  it.each(notText)(
    'SUBMIT_IDENTIFIER with identifier %j is an invalid_identifier error, nothing sent',
    (value) => {
      const { actor, callCount } = chart();
      actor.send(malformed({ type: 'SUBMIT_IDENTIFIER', identifier: value }));
      expect(actor.getSnapshot().status).toBe('active');
      expect(getPasswordlessView(actor.getSnapshot())).toMatchObject({
        step: 'identify',
        identifier: '',
        error: { code: 'invalid_identifier' },
      });
      expect(callCount('startPasswordless')).toBe(0);
    },
  );

  it.each([{ connection: 'fax' }, { connection: 7 }, { send: 'carrier-pigeon' }, { send: null }])(
    'SUBMIT_IDENTIFIER with an unknown option %j is an invalid_input error',
    (options) => {
      const { actor, callCount } = chart();
      actor.send(malformed({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com', ...options }));
      expect(getPasswordlessView(actor.getSnapshot())).toMatchObject({
        step: 'identify',
        error: { code: 'invalid_input' },
      });
      expect(callCount('startPasswordless')).toBe(0);
    },
  );

  it.each(notText)('SUBMIT_CODE with otp %j stays on the code step with invalid_code', async (value) => {
    const { actor, callCount } = chart();
    actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com' });
    await settle();
    actor.send(malformed({ type: 'SUBMIT_CODE', otp: value }));
    expect(actor.getSnapshot().status).toBe('active');
    expect(getPasswordlessView(actor.getSnapshot())).toMatchObject({
      step: 'code',
      error: { code: 'invalid_code' },
    });
    expect(callCount('exchangeOtp')).toBe(0);
  });

  it.each(notText)('SUBMIT_MFA_CODE with otp %j stays on the MFA step', async (value) => {
    const { actor, callCount } = await atMfa({ listAuthenticators: [authenticator('totp|dev_1', 'otp')] });
    expect(getPasswordlessView(actor.getSnapshot()).step).toBe('mfa_otp');
    actor.send(malformed({ type: 'SUBMIT_MFA_CODE', otp: value }));
    expect(getPasswordlessView(actor.getSnapshot())).toMatchObject({
      step: 'mfa_otp',
      error: { code: 'invalid_mfa_code' },
    });
    expect(callCount('verifyMfaOtp')).toBe(0);
  });

  it.each(notText)('SUBMIT_RECOVERY_CODE with recoveryCode %j stays on the recovery step', async (value) => {
    const { actor, callCount } = await atMfa({
      listAuthenticators: [authenticator('totp|dev_1', 'otp'), authenticator('rc|1', 'recovery-code')],
    });
    actor.send({ type: 'USE_RECOVERY_CODE' });
    actor.send(malformed({ type: 'SUBMIT_RECOVERY_CODE', recoveryCode: value }));
    expect(getPasswordlessView(actor.getSnapshot())).toMatchObject({
      step: 'mfa_recovery',
      error: { code: 'invalid_mfa_code' },
    });
    expect(callCount('verifyRecoveryCode')).toBe(0);
  });

  it.each([
    { factor: 'carrier-pigeon', code: 'invalid_input' },
    { factor: undefined, code: 'invalid_input' },
    { factor: 3, code: 'invalid_input' },
    { factor: 'sms', phoneNumber: 15555550100, code: 'invalid_identifier' },
    { factor: 'sms', phoneNumber: null, code: 'invalid_identifier' },
    { factor: 'email', email: ['a@b.co'], code: 'invalid_identifier' },
  ])('ENROLL $factor with bad details is a $code error, nothing sent', async ({ code, ...payload }) => {
    const { actor, callCount } = await atMfa({ listAuthenticators: [] });
    expect(getPasswordlessView(actor.getSnapshot()).step).toBe('mfa_enroll');
    actor.send(malformed({ type: 'ENROLL', ...payload }));
    expect(actor.getSnapshot().status).toBe('active');
    expect(getPasswordlessView(actor.getSnapshot())).toMatchObject({ step: 'mfa_enroll', error: { code } });
    expect(callCount('associateAuthenticator')).toBe(0);
  });

  it.each(notText)(
    'MAGIC_LINK_CALLBACK with callbackUrl %j is an invalid_input error on the waiting step',
    async (value) => {
      const { actor, callCount } = chart();
      actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com', send: 'link' });
      await settle();
      actor.send(malformed({ type: 'MAGIC_LINK_CALLBACK', callbackUrl: value }));
      await settle();
      expect(actor.getSnapshot().status).toBe('active');
      expect(getPasswordlessView(actor.getSnapshot())).toMatchObject({
        step: 'link_sent',
        error: { code: 'invalid_input' },
      });
      expect(callCount('exchangeMagicLinkCode')).toBe(0);
    },
  );

  it.each([Number.NaN, Number.POSITIVE_INFINITY, '1700000000000', null, undefined])(
    'ignores a TICK whose now is %j: no NaN countdowns',
    async (value) => {
      const { actor } = chart();
      actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com' });
      await settle();
      actor.send(malformed({ type: 'TICK', now: value }));
      const view = getPasswordlessView(actor.getSnapshot());
      expect(actor.getSnapshot().context.now).toBe(T0);
      expect(view.secondsUntilResend).toBe(30);
      expect(view.secondsUntilExpiry).toBe(180);
    },
  );
});
