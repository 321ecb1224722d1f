import { describe, expect, it } from 'vitest';
import {
  challenge,
  expectError,
  loginUntilMfa,
  loginWithEmail,
  MFA_CLIENT,
  mfaGrant,
  SEED,
  str,
  totp,
  useEmulator,
  verifyIdToken,
} from './helpers.ts';

const { email, secret } = SEED.totp;
const invalidOtp = 'Invalid otp_code.';

describe('MFA with a TOTP authenticator', () => {
  const emulator = useEmulator();

  it('answers mfa_required with an mfa_token and the factors to challenge', async () => {
    const { reply } = await loginUntilMfa(emulator(), email);
    expect(reply.body).toEqual({
      error: 'mfa_required',
      error_description: 'Multifactor authentication required',
      mfa_token: expect.stringMatching(/^Fe26\.2\*/),
      mfa_requirements: { challenge: [{ type: 'otp' }, { type: 'recovery-code' }] },
    });
  });

  it('answers an otp challenge without sending anything', async () => {
    const { mfaToken } = await loginUntilMfa(emulator(), email);
    const reply = await challenge(emulator(), mfaToken, { challenge_type: 'otp' });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ challenge_type: 'otp' });
  });

  it('issues tokens for the current TOTP, with amr=["mfa"] in the ID token', async () => {
    const { mfaToken } = await loginUntilMfa(emulator(), email, { scope: 'openid email offline_access' });
    const reply = await mfaGrant(emulator(), 'mfaOtp', mfaToken, { otp: totp(emulator(), secret) });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toMatchObject({
      scope: 'openid email offline_access',
      refresh_token: expect.any(String),
    });
    const claims = await verifyIdToken(emulator(), str(reply, 'id_token'));
    expect(claims).toMatchObject({
      amr: ['mfa'],
      email,
      sub: expect.stringMatching(/^email\|[0-9a-f]{24}$/),
    });
  });

  it('accepts the previous 30-second code once, and never a code twice', async () => {
    const previous = totp(emulator(), secret, -1);
    const first = await loginUntilMfa(emulator(), email);
    expect((await mfaGrant(emulator(), 'mfaOtp', first.mfaToken, { otp: previous })).status).toBe(200);

    const second = await loginUntilMfa(emulator(), email);
    expectError(
      await mfaGrant(emulator(), 'mfaOtp', second.mfaToken, { otp: previous }),
      403,
      'invalid_grant',
      invalidOtp,
    );
    expect(
      (await mfaGrant(emulator(), 'mfaOtp', second.mfaToken, { otp: totp(emulator(), secret) })).status,
    ).toBe(200);

    const third = await loginUntilMfa(emulator(), email);
    expectError(
      await mfaGrant(emulator(), 'mfaOtp', third.mfaToken, { otp: totp(emulator(), secret) }),
      403,
      'invalid_grant',
      invalidOtp,
    );
  });

  it('rejects a code two steps old and a wrong code', async () => {
    const { mfaToken } = await loginUntilMfa(emulator(), email);
    expectError(
      await mfaGrant(emulator(), 'mfaOtp', mfaToken, { otp: totp(emulator(), secret, -2) }),
      403,
      'invalid_grant',
      invalidOtp,
    );
    expectError(
      await mfaGrant(emulator(), 'mfaOtp', mfaToken, {
        otp: '000000' === totp(emulator(), secret) ? '111111' : '000000',
      }),
      403,
      'invalid_grant',
      invalidOtp,
    );
  });

  it('locks after 10 wrong codes and lets one more attempt through 6 minutes later', async () => {
    const { mfaToken } = await loginUntilMfa(emulator(), email);
    for (let attempt = 0; attempt < 10; attempt += 1) {
      expectError(
        await mfaGrant(emulator(), 'mfaOtp', mfaToken, { otp: 'abcdef' }),
        403,
        'invalid_grant',
        invalidOtp,
      );
    }
    const locked = await mfaGrant(emulator(), 'mfaOtp', mfaToken, { otp: totp(emulator(), secret) });
    expectError(locked, 429, 'too_many_attempts', 'Too many failed MFA attempts. Please try again later.');
    expect(locked.headers.get('x-ratelimit-limit')).toBe('10');
    expect(locked.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(locked.headers.get('retry-after')).toBe('360');

    emulator().advanceClock(360);
    const { mfaToken: fresh } = await loginUntilMfa(emulator(), email);
    expect((await mfaGrant(emulator(), 'mfaOtp', fresh, { otp: totp(emulator(), secret) })).status).toBe(200);
  });

  it('expires the mfa_token after 10 minutes', async () => {
    const { mfaToken } = await loginUntilMfa(emulator(), email);
    emulator().advanceClock(599);
    expect((await challenge(emulator(), mfaToken)).status).toBe(200);
    emulator().advanceClock(1);
    expectError(
      await mfaGrant(emulator(), 'mfaOtp', mfaToken, { otp: totp(emulator(), secret) }),
      403,
      'expired_token',
      'mfa_token is expired',
    );
    expectError(await challenge(emulator(), mfaToken), 403, 'expired_token', 'mfa_token is expired');
  });

  it('rejects an unknown mfa_token and one issued to another client', async () => {
    expectError(
      await mfaGrant(emulator(), 'mfaOtp', 'garbage', { otp: '123456' }),
      403,
      'invalid_grant',
      'Malformed mfa_token',
    );
    const { mfaToken } = await loginUntilMfa(emulator(), email);
    const foreign = await mfaGrant(
      emulator(),
      'mfaOtp',
      mfaToken,
      { otp: totp(emulator(), secret) },
      MFA_CLIENT,
    );
    expectError(foreign, 403, 'invalid_request', 'mfa_token not issued to this client');
    expectError(
      await mfaGrant(emulator(), 'mfaOtp', mfaToken, {}),
      400,
      'invalid_request',
      'Missing required parameter: otp',
    );
  });

  it('a client that requires MFA sends a user without factors to enrolment', async () => {
    const reply = await loginWithEmail(emulator(), 'alice@example.com', { clientId: MFA_CLIENT });
    expectError(reply, 403, 'mfa_required');
    expect(reply.body.mfa_requirements).toEqual({
      enroll: [{ type: 'otp' }, { type: 'phone' }, { type: 'email' }, { type: 'push-notification' }],
    });
  });
});

describe('MFA policy settings', () => {
  describe('emitRequirements: false', () => {
    const emulator = useEmulator({ mfa: { emitRequirements: false } });
    it('answers mfa_required without mfa_requirements', async () => {
      const { reply } = await loginUntilMfa(emulator(), email);
      expect(Object.keys(reply.body).sort()).toEqual(['error', 'error_description', 'mfa_token']);
    });
  });

  describe('policy: never', () => {
    const emulator = useEmulator({ mfa: { policy: 'never' } });
    it('lets a user with a factor in with one code', async () => {
      expect((await loginWithEmail(emulator(), email)).status).toBe(200);
    });
  });

  describe('policy: always', () => {
    const emulator = useEmulator({ mfa: { policy: 'always' } });
    it('sends a user without factors to enrolment', async () => {
      expectError(await loginWithEmail(emulator(), 'alice@example.com'), 403, 'mfa_required');
    });
  });
});
