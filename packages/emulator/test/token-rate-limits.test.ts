import { describe, expect, it } from 'vitest';
import {
  decidePush,
  expectError,
  latestCode,
  latestMessage,
  loginUntilMfa,
  mfaGrant,
  otpGrant,
  challenge,
  startEmail,
  str,
  useEmulator,
  WEB,
  WEB_SECRET,
  SEED,
  GRANT,
  post,
  type Reply,
} from './helpers.ts';
import { offlineLogin, refresh } from './refresh-helpers.ts';

const tooMany =
  'Too many requests. Check the X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset headers.';
const limitOf = (reply: Reply) => ({
  limit: reply.headers.get('x-ratelimit-limit'),
  remaining: reply.headers.get('x-ratelimit-remaining'),
  retryAfter: reply.headers.get('retry-after'),
});

describe('/oauth/token rate limit (Get Token: burst 30, 30 per second per address)', () => {
  const emulator = useEmulator();

  it('answers the 31st OTP or MFA grant within a second with a 429, and the next second again', async () => {
    for (let call = 0; call < 30; call += 1) {
      const reply = await otpGrant(emulator(), { username: `u${call}@example.com`, otp: '000000' });
      expectError(reply, 403, 'invalid_grant');
      expect(limitOf(reply)).toEqual({ limit: '30', remaining: String(29 - call), retryAfter: null });
    }
    const limited = await otpGrant(emulator(), { username: 'alice@example.com', otp: '000000' });
    expectError(limited, 429, 'too_many_requests', tooMany);
    expect(limitOf(limited)).toEqual({ limit: '30', remaining: '0', retryAfter: '1' });
    expect(Number(limited.headers.get('x-ratelimit-reset'))).toBe(
      Math.floor(emulator().clock.now() / 1000) + 1,
    );
    emulator().advanceClock(1);
    expectError(
      await otpGrant(emulator(), { username: 'alice@example.com', otp: '000000' }),
      403,
      'invalid_grant',
    );
  });

  it('leaves refresh_token out: it guesses nothing', async () => {
    const login = await offlineLogin(emulator());
    expect(login.headers.get('x-ratelimit-limit')).toBe('30');
    const refreshed = await refresh(emulator(), str(login, 'refresh_token'));
    expect(refreshed.status).toBe(200);
    expect(refreshed.headers.get('x-ratelimit-limit')).toBeNull();
  });
});

describe('/oauth/token rate limit with a small bucket', () => {
  const emulator = useEmulator({
    limits: { tokenEndpoint: { burst: 2, refill: 1, perSeconds: 10 } },
    mfa: { pushPollIntervalSeconds: 0 },
  });

  it('refuses before looking at the code, so a refused call burns no attempt', async () => {
    await startEmail(emulator(), 'alice@example.com');
    const otp = await latestCode(emulator(), 'alice@example.com');
    for (let call = 0; call < 2; call += 1)
      await otpGrant(emulator(), { username: 'alice@example.com', otp: 'x' });
    const limited = await otpGrant(emulator(), { username: 'alice@example.com', otp });
    expectError(limited, 429, 'too_many_requests');
    expect(limitOf(limited)).toEqual({ limit: '2', remaining: '0', retryAfter: '10' });
    emulator().advanceClock(10);
    expect((await otpGrant(emulator(), { username: 'alice@example.com', otp })).status).toBe(200);
  });

  it('counts a confidential client by the trusted auth0-forwarded-for', async () => {
    const asWeb = (ip: string) =>
      post(
        emulator(),
        '/oauth/token',
        {
          grant_type: GRANT.passwordlessOtp,
          client_id: WEB,
          client_secret: WEB_SECRET,
          realm: 'email',
          username: 'alice@example.com',
          otp: 'x',
        },
        { 'auth0-forwarded-for': ip },
      );
    for (let call = 0; call < 2; call += 1) expect((await asWeb('203.0.113.1')).status).toBe(403);
    expectError(await asWeb('203.0.113.1'), 429, 'too_many_requests');
    expect((await asWeb('203.0.113.2')).status).toBe(403);
    // The server's own address kept its bucket.
    expect((await otpGrant(emulator(), { username: 'alice@example.com', otp: 'x' })).status).toBe(403);
  });
});

describe('MFA OOB token exchange (burst 12, 12 per minute per mfa_token)', () => {
  const emulator = useEmulator({ mfa: { pushPollIntervalSeconds: 0 } });

  it('answers the 13th push poll of one mfa_token with a 429; another login polls on', async () => {
    const { mfaToken } = await loginUntilMfa(emulator(), SEED.push.email);
    const oobCode = str(await challenge(emulator(), mfaToken), 'oob_code');
    for (let poll = 0; poll < 12; poll += 1) {
      const pending = await mfaGrant(emulator(), 'mfaOob', mfaToken, { oob_code: oobCode });
      expectError(pending, 400, 'authorization_pending');
      expect(limitOf(pending)).toEqual({ limit: '12', remaining: String(11 - poll), retryAfter: null });
    }
    const limited = await mfaGrant(emulator(), 'mfaOob', mfaToken, { oob_code: oobCode });
    expectError(limited, 429, 'too_many_requests', tooMany);
    expect(limitOf(limited)).toEqual({ limit: '12', remaining: '0', retryAfter: '5' });

    const other = await loginUntilMfa(emulator(), SEED.push.email);
    const otherOob = str(await challenge(emulator(), other.mfaToken), 'oob_code');
    await decidePush(emulator(), (await latestMessage(emulator(), SEED.push.email)).id, 'approve');
    expect((await mfaGrant(emulator(), 'mfaOob', other.mfaToken, { oob_code: otherOob })).status).toBe(200);

    emulator().advanceClock(5);
    expectError(
      await mfaGrant(emulator(), 'mfaOob', mfaToken, { oob_code: oobCode }),
      400,
      'authorization_pending',
    );
  });
});
