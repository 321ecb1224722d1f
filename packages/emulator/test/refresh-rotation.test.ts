import { describe, expect, it } from 'vitest';
import { expectError, str, useEmulator, type Reply, type TestEmulator } from './helpers.ts';
import { offlineLogin, refresh } from './refresh-helpers.ts';

const expectInvalidRefreshToken = (reply: Reply) =>
  expectError(reply, 403, 'invalid_grant', 'Unknown or invalid refresh token.');

/** Refreshes with `token` and returns the replacement refresh token it must yield. */
async function rotate(emulator: TestEmulator, token: string): Promise<string> {
  const reply = await refresh(emulator, token);
  expect(reply.status, reply.text).toBe(200);
  return str(reply, 'refresh_token');
}

describe('refresh with rotation', () => {
  const emulator = useEmulator({ tokens: { refreshTokenRotation: true } });

  it('returns a new refresh token and retires the old one, even for a narrower scope', async () => {
    const first = str(await offlineLogin(emulator()), 'refresh_token');
    const narrow = await refresh(emulator(), first, { scope: 'openid' });
    expect(narrow.body.scope).toBe('openid');
    const second = str(narrow, 'refresh_token');
    expect(second).not.toBe(first);
    const again = await refresh(emulator(), second);
    expect(again.body.scope).toBe('openid profile email offline_access');
    expect(again.body.refresh_token).toEqual(expect.any(String));
    expectInvalidRefreshToken(await refresh(emulator(), first));
  });

  it('lets only one of 20 concurrent refreshes of one token through, then kills the family', async () => {
    const first = str(await offlineLogin(emulator()), 'refresh_token');
    const replies = await Promise.all(Array.from({ length: 20 }, () => refresh(emulator(), first)));
    const succeeded = replies.filter((reply) => reply.status === 200);
    expect(succeeded).toHaveLength(1);
    for (const reply of replies.filter((each) => each.status !== 200)) expectInvalidRefreshToken(reply);

    const issued = str(succeeded[0]!, 'refresh_token');
    for (const token of [issued, first, issued]) expectInvalidRefreshToken(await refresh(emulator(), token));
  });

  it('revokes every descendant when a rotated token is reused, and nothing of other logins', async () => {
    const other = str(await offlineLogin(emulator()), 'refresh_token');
    const first = str(await offlineLogin(emulator()), 'refresh_token');
    const second = await rotate(emulator(), first);
    const third = await rotate(emulator(), second);

    expectInvalidRefreshToken(await refresh(emulator(), second));
    for (const token of [third, first, second]) expectInvalidRefreshToken(await refresh(emulator(), token));
    expect((await refresh(emulator(), other)).status).toBe(200);
  });

  it('does not spend the token on a refresh that fails for another reason', async () => {
    const first = str(await offlineLogin(emulator(), 'openid offline_access'), 'refresh_token');
    expectError(await refresh(emulator(), first, { scope: 'openid profile' }), 403, 'invalid_scope');
    expect((await refresh(emulator(), first)).status).toBe(200);
  });
});

describe('refresh with rotation and a rotation overlap period', () => {
  const emulator = useEmulator({
    tokens: { refreshTokenRotation: true, refreshTokenRotationOverlapSeconds: 10 },
  });

  it('accepts the previous token again within the period, then treats it as reuse', async () => {
    const first = str(await offlineLogin(emulator()), 'refresh_token');
    const second = await rotate(emulator(), first);
    emulator().advanceClock(9);
    const retried = await rotate(emulator(), first);
    expect(retried).not.toBe(second);
    expect(await rotate(emulator(), retried)).toEqual(expect.any(String));

    emulator().advanceClock(1);
    expectInvalidRefreshToken(await refresh(emulator(), first));
    expectInvalidRefreshToken(await refresh(emulator(), second));
  });

  it('treats the second-to-last token as reuse even within the period', async () => {
    const first = str(await offlineLogin(emulator()), 'refresh_token');
    const second = await rotate(emulator(), first);
    const third = await rotate(emulator(), second);
    expectInvalidRefreshToken(await refresh(emulator(), first));
    expectInvalidRefreshToken(await refresh(emulator(), third));
  });
});
