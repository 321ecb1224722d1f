import { describe, expect, it } from 'vitest';
import {
  associate,
  bearer,
  challenge,
  deleteAuthenticator,
  expectError,
  latestMessage,
  listAuthenticators,
  loginUntilMfa,
  loginWithEmail,
  mfaApiAudience,
  mfaApiScope,
  mfaGrant,
  str,
  useEmulator,
  type TestEmulator,
} from './helpers.ts';

const verified = 'verified@example.com';

/** An MFA-API token for `email`, passing the second factor with the binding code sent to `to`. */
async function mfaApiTokenByCode(emulator: TestEmulator, email: string, to: string, authenticatorId: string) {
  const { mfaToken } = await loginUntilMfa(emulator, email, {
    audience: mfaApiAudience(emulator),
    scope: mfaApiScope,
  });
  const oobCode = str(await challenge(emulator, mfaToken, { authenticator_id: authenticatorId }), 'oob_code');
  const code = (await latestMessage(emulator, to)).code ?? '';
  const reply = await mfaGrant(emulator, 'mfaOob', mfaToken, { oob_code: oobCode, binding_code: code });
  expect(reply.status, reply.text).toBe(200);
  return str(reply, 'access_token');
}

describe('a verified e-mail as an e-mail authenticator (seeded verified@example.com)', () => {
  const emulator = useEmulator();

  it('is listed, challenged by e-mail and verified with mfa-oob, without any enrolment', async () => {
    const { mfaToken, reply } = await loginUntilMfa(emulator(), verified);
    expect(reply.body.mfa_requirements).toEqual({ challenge: [{ type: 'email' }] });
    const [listed, ...rest] = await listAuthenticators(emulator(), mfaToken);
    expect(rest).toEqual([]);
    expect(listed).toEqual({
      type: 'email',
      id: expect.stringMatching(/^email\|dev_[A-Za-z0-9]{16}$/),
      authenticator_type: 'oob',
      active: true,
      oob_channel: 'email',
      name: 've****@ex*********',
    });
    const sent = await challenge(emulator(), mfaToken);
    expect(sent.body).toEqual({
      challenge_type: 'oob',
      oob_code: expect.any(String),
      binding_method: 'prompt',
    });
    const message = await latestMessage(emulator(), verified);
    expect(message).toMatchObject({ channel: 'email', purpose: 'mfa-challenge' });
    const tokens = await mfaGrant(emulator(), 'mfaOob', mfaToken, {
      oob_code: str(sent, 'oob_code'),
      binding_code: message.code ?? '',
    });
    expect(tokens.status, tokens.text).toBe(200);
  });

  it('counts as enrolled (no first enrolment) and cannot be deleted', async () => {
    const { mfaToken } = await loginUntilMfa(emulator(), verified);
    const [listed] = await listAuthenticators(emulator(), mfaToken);
    expectError(
      await associate(emulator(), mfaToken, { authenticator_types: ['otp'] }),
      403,
      'access_denied',
      'User is already enrolled.',
    );
    const token = await mfaApiTokenByCode(emulator(), verified, verified, listed!.id);
    expectError(await deleteAuthenticator(emulator(), token, listed!.id), 400, 'invalid_request');
    expect(await listAuthenticators(emulator(), token)).toHaveLength(1);
  });
});

describe('verified e-mails tenant-wide (mfa.verifiedEmailAuthenticator)', () => {
  const emulator = useEmulator({ mfa: { verifiedEmailAuthenticator: true } });

  it('gives every e-mail user, also one created at this login, an e-mail factor', async () => {
    const { mfaToken } = await loginUntilMfa(emulator(), 'newcomer@example.com');
    expect(await listAuthenticators(emulator(), mfaToken)).toEqual([
      expect.objectContaining({ type: 'email', active: true, oob_channel: 'email' }),
    ]);
  });
});

describe('verified e-mails with the e-mail factor off', () => {
  const emulator = useEmulator({ mfa: { factors: ['otp', 'sms'] } });

  it('lists no e-mail authenticator, so verified@example.com signs in with one factor', async () => {
    const reply = await loginWithEmail(emulator(), verified);
    expect(reply.status, reply.text).toBe(200);
  });
});

describe('enrolment pairs', () => {
  const emulator = useEmulator();

  it('enrols e-mail at the user’s own address when the body has no email (SDKs make it optional)', async () => {
    const { mfaToken } = await loginUntilMfa(emulator(), 'enroll@example.com');
    const reply = await associate(emulator(), mfaToken, {
      authenticator_types: ['oob'],
      oob_channels: ['email'],
    });
    expect(reply.status, reply.text).toBe(200);
    expect(await latestMessage(emulator(), 'enroll@example.com')).toMatchObject({
      channel: 'email',
      purpose: 'mfa-enrollment',
    });
  });

  it('enrols a phone as sms| and voice| with one suffix; deleting one deletes both', async () => {
    const { mfaToken } = await loginUntilMfa(emulator(), 'enroll@example.com');
    const phone = '+15555550188';
    const reply = await associate(emulator(), mfaToken, {
      authenticator_types: ['oob'],
      oob_channels: ['voice'],
      phone_number: phone,
    });
    expect(reply.body.oob_channel).toBe('voice');
    const message = await latestMessage(emulator(), phone);
    expect(message.channel).toBe('voice');
    const confirmed = await mfaGrant(emulator(), 'mfaOob', mfaToken, {
      oob_code: str(reply, 'oob_code'),
      binding_code: message.code ?? '',
    });
    expect(confirmed.status, confirmed.text).toBe(200);

    const next = await loginUntilMfa(emulator(), 'enroll@example.com');
    const listed = await listAuthenticators(emulator(), next.mfaToken);
    const phones = listed.filter((entry) => entry.type === 'phone');
    expect(phones.map((entry) => entry.oob_channel).sort()).toEqual(['sms', 'voice']);
    expect(new Set(phones.map((entry) => entry.id.split('|')[1])).size).toBe(1);

    const sms = phones.find((entry) => entry.oob_channel === 'sms')!;
    const token = await mfaApiTokenByCode(emulator(), 'enroll@example.com', phone, sms.id);
    expect((await deleteAuthenticator(emulator(), token, sms.id)).status).toBe(204);
    const left = await (
      await fetch(`${emulator().url}/mfa/authenticators`, { headers: bearer(token) })
    ).json();
    expect(left).toEqual([expect.objectContaining({ type: 'recovery-code' })]);
  });
});
