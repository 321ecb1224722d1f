import { describe, expect, it } from 'vitest';
import {
  challenge,
  expectError,
  latestCode,
  latestMessage,
  loginUntilMfa,
  mfaGrant,
  SEED,
  str,
  useEmulator,
  verifyIdToken,
  type TestEmulator,
} from './helpers.ts';

async function oobChallenge(emulator: TestEmulator, email: string, fields: Record<string, string> = {}) {
  const { mfaToken } = await loginUntilMfa(emulator, email);
  const reply = await challenge(emulator, mfaToken, { challenge_type: 'oob', ...fields });
  expect(reply.status, reply.text).toBe(200);
  return { mfaToken, oobCode: str(reply, 'oob_code'), reply };
}

describe('MFA with SMS and e-mail binding codes', () => {
  const emulator = useEmulator();

  it.each([
    ['sms', SEED.sms.email, SEED.sms.phone],
    ['email', SEED.email.email, SEED.email.email],
  ])('%s: challenge sends a binding code that the mfa-oob grant accepts', async (channel, email, to) => {
    const { mfaToken, oobCode, reply } = await oobChallenge(emulator(), email);
    expect(reply.body).toEqual({
      challenge_type: 'oob',
      oob_code: expect.stringMatching(/^Fe26\.2\*/),
      binding_method: 'prompt',
    });
    const message = await latestMessage(emulator(), to);
    expect(message).toMatchObject({
      channel,
      purpose: 'mfa-challenge',
      code: expect.stringMatching(/^\d{6}$/),
    });

    const tokens = await mfaGrant(emulator(), 'mfaOob', mfaToken, {
      oob_code: oobCode,
      binding_code: message.code!,
    });
    expect(tokens.status, tokens.text).toBe(200);
    expect((await verifyIdToken(emulator(), str(tokens, 'id_token'))).amr).toEqual(['mfa']);
  });

  it('rejects a wrong and a missing binding code', async () => {
    const { mfaToken, oobCode } = await oobChallenge(emulator(), SEED.sms.email);
    const right = await latestCode(emulator(), SEED.sms.phone);
    const wrong = right === '000000' ? '111111' : '000000';
    expectError(
      await mfaGrant(emulator(), 'mfaOob', mfaToken, { oob_code: oobCode, binding_code: wrong }),
      403,
      'invalid_grant',
      'Invalid binding_code.',
    );
    expectError(
      await mfaGrant(emulator(), 'mfaOob', mfaToken, { oob_code: oobCode }),
      400,
      'invalid_request',
      'binding_code is required',
    );
    expect(
      (await mfaGrant(emulator(), 'mfaOob', mfaToken, { oob_code: oobCode, binding_code: right })).status,
    ).toBe(200);
  });

  it('expires the oob_code after 5 minutes', async () => {
    const { mfaToken, oobCode } = await oobChallenge(emulator(), SEED.email.email);
    const code = await latestCode(emulator(), SEED.email.email);
    emulator().advanceClock(300);
    expectError(
      await mfaGrant(emulator(), 'mfaOob', mfaToken, { oob_code: oobCode, binding_code: code }),
      403,
      'expired_token',
      'oob_code is expired',
    );
  });

  it("rejects an oob_code that belongs to another mfa_token, and one that doesn't exist", async () => {
    const first = await oobChallenge(emulator(), SEED.sms.email);
    const second = await loginUntilMfa(emulator(), SEED.sms.email);
    const reply = await mfaGrant(emulator(), 'mfaOob', second.mfaToken, {
      oob_code: first.oobCode,
      binding_code: '123456',
    });
    expectError(reply, 403, 'invalid_request', "The oob_code doesn't match the mfa_token");
    expectError(
      await mfaGrant(emulator(), 'mfaOob', second.mfaToken, { oob_code: 'nope', binding_code: '1' }),
      403,
      'invalid_grant',
      'Invalid oob_code.',
    );
  });

  it('limits SMS sends to 10 per user, one more each hour', async () => {
    const { mfaToken } = await loginUntilMfa(emulator(), SEED.sms.email);
    for (let send = 0; send < 10; send += 1) expect((await challenge(emulator(), mfaToken)).status).toBe(200);
    const limited = await challenge(emulator(), mfaToken);
    expectError(limited, 429, 'too_many_requests');
    expect(limited.headers.get('x-ratelimit-limit')).toBe('10');
    emulator().advanceClock(3600);
    const { mfaToken: fresh } = await loginUntilMfa(emulator(), SEED.sms.email);
    expect((await challenge(emulator(), fresh)).status).toBe(200);
    expectError(await challenge(emulator(), fresh), 429, 'too_many_requests');
  });

  it('picks the authenticator named by authenticator_id, and checks the accepted challenge types', async () => {
    const { mfaToken } = await loginUntilMfa(emulator(), SEED.multi.email);
    const list = (await (
      await fetch(`${emulator().url}/mfa/authenticators`, {
        headers: { authorization: `Bearer ${mfaToken}` },
      })
    ).json()) as Array<{ id: string; type: string }>;
    const sms = list.find((authenticator) => authenticator.type === 'phone')!;
    const picked = await challenge(emulator(), mfaToken, { authenticator_id: sms.id });
    expect(picked.body).toMatchObject({ challenge_type: 'oob', binding_method: 'prompt' });
    expect((await latestMessage(emulator(), SEED.multi.phone)).channel).toBe('sms');

    expectError(
      await challenge(emulator(), mfaToken, { authenticator_id: sms.id, challenge_type: 'otp' }),
      400,
      'unsupported_challenge_type',
    );
    expectError(
      await challenge(emulator(), mfaToken, { authenticator_id: 'sms|dev_unknown' }),
      400,
      'invalid_request',
    );
    const otpOnly = await loginUntilMfa(emulator(), SEED.push.email);
    const unsupported = await challenge(emulator(), otpOnly.mfaToken, { challenge_type: 'otp' });
    expectError(
      unsupported,
      400,
      'unsupported_challenge_type',
      'The user does not support the requested challenge type (otp). Supported type: oob.',
    );
  });
});
