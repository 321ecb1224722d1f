import { describe, expect, it } from 'vitest';
import {
  associate,
  challenge,
  decidePush,
  expectError,
  latestMessage,
  listAuthenticators,
  loginUntilMfa,
  mfaGrant,
  str,
  totp,
  useEmulator,
  type TestEmulator,
} from './helpers.ts';

const email = 'enroll@example.com';

/** After enrolment: a new login asks for a challenge and lists the factor as active. */
async function expectEnrolled(emulator: TestEmulator, expected: Array<Record<string, unknown>>) {
  const { mfaToken, reply } = await loginUntilMfa(emulator, email);
  expect(reply.body.mfa_requirements).toHaveProperty('challenge');
  const listed = await listAuthenticators(emulator, mfaToken);
  expect(listed).toEqual(expect.arrayContaining(expected.map((entry) => expect.objectContaining(entry))));
  expect(listed).toHaveLength(expected.length);
}

describe('enrolment with /mfa/associate', () => {
  const emulator = useEmulator();

  it('asks enroll@example.com to enrol every enabled factor, and lists nothing yet', async () => {
    const { mfaToken, reply } = await loginUntilMfa(emulator(), email);
    expect(reply.body.mfa_requirements).toEqual({
      enroll: [{ type: 'otp' }, { type: 'phone' }, { type: 'email' }, { type: 'push-notification' }],
    });
    expect(await listAuthenticators(emulator(), mfaToken)).toEqual([]);
  });

  it('answers association_required to a challenge before enrolment', async () => {
    const { mfaToken } = await loginUntilMfa(emulator(), email);
    expectError(await challenge(emulator(), mfaToken), 400, 'association_required');
  });

  it('otp: secret, otpauth barcode and recovery codes; confirmed by mfa-otp', async () => {
    const { mfaToken } = await loginUntilMfa(emulator(), email);
    const reply = await associate(emulator(), mfaToken, { authenticator_types: ['otp'] });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toEqual({
      authenticator_type: 'otp',
      secret: expect.stringMatching(/^[A-Z2-7]{32}$/),
      barcode_uri: expect.stringMatching(/^otpauth:\/\/totp\/.+\?.*secret=[A-Z2-7]+/),
      recovery_codes: [expect.stringMatching(/^[A-Z0-9]{24}$/)],
    });
    expect(await listAuthenticators(emulator(), mfaToken)).toEqual([
      {
        type: 'otp',
        id: expect.stringMatching(/^totp\|dev_[A-Za-z0-9]{16}$/),
        authenticator_type: 'otp',
        active: false,
      },
    ]);
    const secret = str(reply, 'secret');
    const [recoveryCode] = reply.body.recovery_codes as string[];
    const confirmed = await mfaGrant(emulator(), 'mfaOtp', mfaToken, { otp: totp(emulator(), secret) });
    expect(confirmed.status, confirmed.text).toBe(200);

    await expectEnrolled(emulator(), [
      { type: 'otp', authenticator_type: 'otp', active: true },
      { type: 'recovery-code', authenticator_type: 'recovery-code', active: true },
    ]);
    const { mfaToken: next } = await loginUntilMfa(emulator(), email);
    expect(
      (await mfaGrant(emulator(), 'mfaRecoveryCode', next, { recovery_code: recoveryCode! })).status,
    ).toBe(200);
  });

  it.each([
    [
      'sms',
      { oob_channels: ['sms'], phone_number: '+15555550199' },
      '+15555550199',
      // With voice on too, Auth0 enrols the phone for both channels.
      [
        { type: 'phone', oob_channel: 'sms', name: 'XXXXXXXX0199' },
        { type: 'phone', oob_channel: 'voice', name: 'XXXXXXXX0199' },
      ],
    ],
    [
      'email',
      { oob_channels: ['email'], email: 'second@example.com' },
      'second@example.com',
      [{ type: 'email', oob_channel: 'email', name: 'se****@ex*********' }],
    ],
  ])('%s: binding code from the outbox confirms it with mfa-oob', async (channel, fields, to, listed) => {
    const { mfaToken } = await loginUntilMfa(emulator(), email);
    const reply = await associate(emulator(), mfaToken, { authenticator_types: ['oob'], ...fields });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toEqual({
      authenticator_type: 'oob',
      binding_method: 'prompt',
      oob_channel: channel,
      oob_code: expect.any(String),
      recovery_codes: [expect.stringMatching(/^[A-Z0-9]{24}$/)],
    });
    const message = await latestMessage(emulator(), to);
    expect(message).toMatchObject({ channel, purpose: 'mfa-enrollment' });
    const confirmed = await mfaGrant(emulator(), 'mfaOob', mfaToken, {
      oob_code: str(reply, 'oob_code'),
      binding_code: message.code!,
    });
    expect(confirmed.status, confirmed.text).toBe(200);
    await expectEnrolled(emulator(), [
      ...listed.map((entry) => ({ ...entry, authenticator_type: 'oob', active: true })),
      { type: 'recovery-code', active: true },
    ]);
  });

  it('push: barcode without binding_method, confirmed when the device approves; pairs a TOTP', async () => {
    const { mfaToken } = await loginUntilMfa(emulator(), email);
    const reply = await associate(emulator(), mfaToken, {
      authenticator_types: ['oob'],
      oob_channels: ['auth0'],
    });
    expect(reply.body).toEqual({
      authenticator_type: 'oob',
      barcode_uri: expect.stringMatching(/^otpauth:\/\/totp\/.+\?enrollment_tx_id=.+&base_url=/),
      oob_channel: 'auth0',
      oob_code: expect.any(String),
      recovery_codes: [expect.any(String)],
    });
    const poll = () => mfaGrant(emulator(), 'mfaOob', mfaToken, { oob_code: str(reply, 'oob_code') });
    expectError(await poll(), 400, 'authorization_pending');
    const message = await latestMessage(emulator(), email);
    expect(message).toMatchObject({ channel: 'push', purpose: 'mfa-enrollment' });
    await decidePush(emulator(), message.id, 'approve');
    emulator().advanceClock(5);
    expect((await poll()).status).toBe(200);
    await expectEnrolled(emulator(), [
      { type: 'push-notification', oob_channel: 'auth0', active: true },
      { type: 'otp', active: true },
      { type: 'recovery-code', active: true },
    ]);
  });

  it('refuses a second enrolment with an mfa_token once a factor is active', async () => {
    const { mfaToken } = await loginUntilMfa(emulator(), email);
    const otp = await associate(emulator(), mfaToken, { authenticator_types: ['otp'] });
    await mfaGrant(emulator(), 'mfaOtp', mfaToken, { otp: totp(emulator(), str(otp, 'secret')) });
    const { mfaToken: next } = await loginUntilMfa(emulator(), email);
    const again = await associate(emulator(), next, { authenticator_types: ['otp'] });
    expectError(again, 403, 'access_denied', 'User is already enrolled.');
  });

  it('does not return recovery codes twice before the first enrolment is confirmed', async () => {
    const { mfaToken } = await loginUntilMfa(emulator(), email);
    const first = await associate(emulator(), mfaToken, { authenticator_types: ['otp'] });
    const second = await associate(emulator(), mfaToken, { authenticator_types: ['otp'] });
    expect(second.body.recovery_codes).toEqual(first.body.recovery_codes);
  });

  it.each([
    [{ authenticator_types: 'otp' }, 'authenticator_types must be ["otp"] or ["oob"].'],
    [
      { authenticator_types: ['oob'], oob_channels: ['pigeon'] },
      'oob_channels must be one of ["sms"], ["voice"], ["email"], ["auth0"].',
    ],
    [
      { authenticator_types: ['oob'], oob_channels: ['constructor'] },
      'oob_channels must be one of ["sms"], ["voice"], ["email"], ["auth0"].',
    ],
    [
      { authenticator_types: ['oob'], oob_channels: ['sms'], phone_number: '555' },
      'A phone_number in E.164 format is required for the sms and voice channels.',
    ],
    [
      { authenticator_types: ['oob'], oob_channels: ['email'], email: 'not-an-address' },
      'A valid email is required for the email channel.',
    ],
  ])('400 invalid_request for %j', async (body, description) => {
    const { mfaToken } = await loginUntilMfa(emulator(), email);
    expectError(await associate(emulator(), mfaToken, body), 400, 'invalid_request', description);
  });

  it('401 without a valid bearer', async () => {
    const reply = await associate(emulator(), 'nope', { authenticator_types: ['otp'] });
    expectError(reply, 401, 'invalid_token');
    expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
  });
});

describe('enrolment limited to some factors', () => {
  const emulator = useEmulator({ mfa: { factors: ['otp'] } });

  it('lists only enabled factors as enrolment options and refuses the others', async () => {
    const { mfaToken, reply } = await loginUntilMfa(emulator(), email);
    expect(reply.body.mfa_requirements).toEqual({ enroll: [{ type: 'otp' }] });
    const sms = await associate(emulator(), mfaToken, {
      authenticator_types: ['oob'],
      oob_channels: ['sms'],
      phone_number: '+15555550199',
    });
    expectError(sms, 400, 'unsupported_challenge_type');
  });
});

describe('enrolment without recovery codes and without the type field', () => {
  const emulator = useEmulator({ mfa: { recoveryCodes: false, emitAuthenticatorType: false } });

  it('returns no recovery_codes and lists authenticators without `type`', async () => {
    const { mfaToken } = await loginUntilMfa(emulator(), email);
    const reply = await associate(emulator(), mfaToken, { authenticator_types: ['otp'] });
    expect(reply.body.recovery_codes).toBeUndefined();
    await mfaGrant(emulator(), 'mfaOtp', mfaToken, { otp: totp(emulator(), str(reply, 'secret')) });
    const { mfaToken: next } = await loginUntilMfa(emulator(), email);
    expect(await listAuthenticators(emulator(), next)).toEqual([
      { id: expect.stringMatching(/^totp\|/), authenticator_type: 'otp', active: true },
    ]);
  });
});
