import { describe, expect, it } from 'vitest';
import {
  associate,
  expectError,
  get,
  loginUntilMfa,
  mfaGrant,
  SEED,
  str,
  totp,
  useEmulator,
  type TestEmulator,
} from './helpers.ts';

const currentTotp = (emulator: TestEmulator, query: string) => get(emulator, `/__dev/totp?${query}`);

describe('GET /__dev/totp (emulator-only)', () => {
  const emulator = useEmulator();

  it('answers the current code of a seeded TOTP user, at the emulator’s time, and it logs in', async () => {
    emulator().advanceClock(12);
    const reply = await currentTotp(emulator(), 'email=TOTP@example.com');
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toEqual({
      code: totp(emulator(), SEED.totp.secret),
      authenticator_id: 'totp|dev_jN0x3pGPCpM8LtCE',
      expires_in: 18,
    });

    const { mfaToken } = await loginUntilMfa(emulator(), SEED.totp.email);
    const login = await mfaGrant(emulator(), 'mfaOtp', mfaToken, { otp: str(reply, 'code') });
    expect(login.status, login.text).toBe(200);
  });

  it('follows a moved clock', async () => {
    const before = str(await currentTotp(emulator(), `email=${SEED.multi.email}`), 'code');
    emulator().advanceClock(30);
    const after = await currentTotp(emulator(), `email=${SEED.multi.email}`);
    expect(after.body.code).toBe(totp(emulator(), SEED.multi.secret));
    expect(after.body.code).not.toBe(before);
  });

  it('answers the first code of a TOTP authenticator being enrolled, which confirms it', async () => {
    const { mfaToken } = await loginUntilMfa(emulator(), 'enroll@example.com');
    const enrolled = await associate(emulator(), mfaToken, { authenticator_types: ['otp'] });
    const reply = await currentTotp(emulator(), 'email=enroll@example.com');
    expect(reply.body.code).toBe(totp(emulator(), str(enrolled, 'secret')));
    const confirmed = await mfaGrant(emulator(), 'mfaOtp', mfaToken, { otp: str(reply, 'code') });
    expect(confirmed.status, confirmed.text).toBe(200);
  });

  it('answers 400 without an identifier and 404 for unknown users and users without TOTP', async () => {
    expectError(await currentTotp(emulator(), ''), 400, 'invalid_request');
    const unknown = 'No user with that e-mail address or phone number.';
    const noTotp = 'That user has no TOTP authenticator.';
    expectError(await currentTotp(emulator(), 'email=nobody@example.com'), 404, 'not_found', unknown);
    expectError(await currentTotp(emulator(), 'email=alice@example.com'), 404, 'not_found', noTotp);
    expectError(await currentTotp(emulator(), 'phone_number=%2B15555550100'), 404, 'not_found', noTotp);
  });
});
