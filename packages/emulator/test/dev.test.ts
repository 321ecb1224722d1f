import { describe, expect, it } from 'vitest';
import { startEmulator } from '../src/index.ts';
import {
  associate,
  challenge,
  decidePush,
  expectError,
  get,
  latestCode,
  latestMessage,
  loginUntilMfa,
  otpGrant,
  outbox,
  post,
  request,
  SEED,
  startEmail,
  startSms,
  useEmulator,
} from './helpers.ts';

describe('dev endpoints (emulator-only)', () => {
  const emulator = useEmulator();

  it('answers with standard reason phrases', async () => {
    const response = await fetch(`${emulator().url}/.well-known/jwks.json`);
    expect(`${response.status} ${response.statusText}`).toBe('200 OK');
    const missing = await fetch(`${emulator().url}/nowhere`, {
      headers: { origin: 'http://localhost:5173' },
    });
    expect(`${missing.status} ${missing.statusText}`).toBe('404 Not Found');
  });

  it('serves the outbox page', async () => {
    const reply = await get(emulator(), '/__dev');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(reply.text).toContain('/__dev/outbox');
  });

  it('lists the outbox, all or by recipient (case-insensitive), newest last, and clears it', async () => {
    await startEmail(emulator(), 'alice@example.com');
    await startSms(emulator(), '+15555550100');
    await startEmail(emulator(), 'alice@example.com', { send: 'link' });
    expect(await outbox(emulator(), 'ALICE@example.com')).toMatchObject([
      { to: 'alice@example.com', purpose: 'passwordless-code', sentAt: '2026-01-01T00:00:00.000Z' },
      { to: 'alice@example.com', purpose: 'magic-link' },
    ]);
    expect((await get(emulator(), '/__dev/outbox')).json).toHaveLength(3);
    expect(emulator().outbox()).toHaveLength(3);
    expect(emulator().latestCode('+15555550100')).toBe(await latestCode(emulator(), '+15555550100'));

    expect((await request(emulator(), 'DELETE', '/__dev/outbox')).status).toBe(204);
    expect((await get(emulator(), '/__dev/outbox')).json).toEqual([]);
  });

  it('approves a push once and refuses unknown ids and second decisions', async () => {
    const { mfaToken } = await loginUntilMfa(emulator(), SEED.push.email);
    await challenge(emulator(), mfaToken);
    const { id } = await latestMessage(emulator(), SEED.push.email);
    const approved = await decidePush(emulator(), id, 'approve');
    expect(approved.body).toMatchObject({ id, push: { status: 'approved' } });
    expectError(
      await decidePush(emulator(), id, 'reject'),
      409,
      'already_decided',
      'This push notification was already approved.',
    );
    expectError(await decidePush(emulator(), 'msg_nope', 'approve'), 404, 'not_found');
    const codeMessage = (await outbox(emulator(), SEED.push.email))[0]!;
    expectError(await decidePush(emulator(), codeMessage.id, 'approve'), 404, 'not_found');
  });

  it('moves the clock so codes expire', async () => {
    await startEmail(emulator(), 'alice@example.com');
    const otp = await latestCode(emulator(), 'alice@example.com');
    const moved = await post(emulator(), '/__dev/clock', { advanceSeconds: 180 });
    expect(moved.body).toEqual({ now: '2026-01-01T00:03:00.000Z' });
    const reply = await otpGrant(emulator(), { username: 'alice@example.com', otp });
    expectError(reply, 403, 'invalid_grant', 'The verification code has expired. Please try to login again.');
  });

  it('resets users, codes, limits and the outbox to the seed', async () => {
    const { mfaToken } = await loginUntilMfa(emulator(), 'enroll@example.com');
    await associate(emulator(), mfaToken, { authenticator_types: ['otp'] });
    await startEmail(emulator(), 'alice@example.com');
    const otp = await latestCode(emulator(), 'alice@example.com');

    expect((await post(emulator(), '/__dev/reset', {})).status).toBe(204);
    expect((await get(emulator(), '/__dev/outbox')).json).toEqual([]);
    expectError(await otpGrant(emulator(), { username: 'alice@example.com', otp }), 403, 'invalid_grant');
    const started = await startEmail(emulator(), 'alice@example.com');
    expect(started.headers.get('x-ratelimit-remaining')).toBe('49');
    expectError(
      await get(emulator(), '/mfa/authenticators', { authorization: `Bearer ${mfaToken}` }),
      401,
      'invalid_token',
    );
    const again = await loginUntilMfa(emulator(), 'enroll@example.com');
    expect(
      (await get(emulator(), '/mfa/authenticators', { authorization: `Bearer ${again.mfaToken}` })).json,
    ).toEqual([]);
  });

  it('reset() from the API does the same', async () => {
    await startEmail(emulator(), 'alice@example.com');
    emulator().reset();
    expect(emulator().outbox()).toEqual([]);
  });

  it('puts a moved system clock back to real time on reset', async () => {
    const running = await startEmulator({ port: 0, log: false });
    try {
      const clock = async (advanceSeconds: number) =>
        Date.parse(((await post(running, '/__dev/clock', { advanceSeconds })).body as { now: string }).now);
      expect((await clock(3600)) - Date.now()).toBeGreaterThan(3500_000);
      await post(running, '/__dev/reset', {});
      expect(Math.abs((await clock(0)) - Date.now())).toBeLessThan(60_000);
    } finally {
      await running.close();
    }
  });
});
