import { describe, expect, it } from 'vitest';
import { expectError, get, latestCode, otpGrant, post, startEmail, useEmulator } from './helpers.ts';

const latest = '9999-12-31T23:59:59.999Z';
const moveClock = (emulator: Parameters<typeof post>[0], advanceSeconds: unknown) =>
  post(emulator, '/__dev/clock', { advanceSeconds });

describe('POST /__dev/clock keeps the clock a valid date', () => {
  const emulator = useEmulator();

  it.each([1e300, -1e300, 9007199254740991, -9007199254740991, 1.7e308])(
    'refuses advanceSeconds %d with a 400 and leaves the clock alone',
    async (advanceSeconds) => {
      const reply = await moveClock(emulator(), advanceSeconds);
      expectError(reply, 400, 'invalid_request');
      expect(reply.body.error_description).toContain(latest);
      expect((await moveClock(emulator(), 0)).body).toEqual({ now: '2026-01-01T00:00:00.000Z' });
      expect((await startEmail(emulator(), 'alice@example.com')).status).toBe(200);
      expect((await post(emulator(), '/__dev/reset', {})).status).toBe(204);
    },
  );

  it('accepts big steps until the next one would pass the year 9999', async () => {
    let accepted = 0;
    let reply = await moveClock(emulator(), 3e9);
    while (reply.status === 200 && accepted < 200) {
      accepted += 1;
      reply = await moveClock(emulator(), 3e9);
    }
    expect(accepted).toBe(83); // 83 × ~95 years from 2026
    expectError(reply, 400, 'invalid_request');
    const { now } = (await moveClock(emulator(), 0)).body as { now: string };
    expect(now.startsWith('99')).toBe(true);

    await startEmail(emulator(), 'alice@example.com');
    const otp = await latestCode(emulator(), 'alice@example.com');
    expect((await otpGrant(emulator(), { username: 'alice@example.com', otp })).status).toBe(200);
    expect((await get(emulator(), '/__dev/outbox')).status).toBe(200);
    expect((await post(emulator(), '/__dev/reset', {})).status).toBe(204);
  });

  it('refuses to go before 1970, and advanceClock() from the API refuses the same', async () => {
    expectError(await moveClock(emulator(), -2e9), 400, 'invalid_request');
    expect(() => emulator().advanceClock(1e300)).toThrow(RangeError);
    expect((await moveClock(emulator(), 0)).body).toEqual({ now: '2026-01-01T00:00:00.000Z' });
  });
});
