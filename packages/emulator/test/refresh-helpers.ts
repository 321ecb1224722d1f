import { expect } from 'vitest';
import { GRANT, loginWithEmail, NATIVE, post, type Reply, type TestEmulator } from './helpers.ts';

export const refresh = (
  emulator: TestEmulator,
  refreshToken: string,
  extra: Record<string, string> = {},
): Promise<Reply> =>
  post(emulator, '/oauth/token', {
    grant_type: GRANT.refreshToken,
    client_id: NATIVE,
    refresh_token: refreshToken,
    ...extra,
  });

/** A complete e-mail code login that asks for a refresh token. */
export async function offlineLogin(
  emulator: TestEmulator,
  scope = 'openid profile email offline_access',
): Promise<Reply> {
  const reply = await loginWithEmail(emulator, 'alice@example.com', { scope });
  expect(reply.status, reply.text).toBe(200);
  return reply;
}
