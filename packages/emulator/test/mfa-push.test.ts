import { describe, expect, it } from 'vitest';
import {
  challenge,
  decidePush,
  expectError,
  latestMessage,
  loginUntilMfa,
  mfaGrant,
  SEED,
  str,
  useEmulator,
  type TestEmulator,
} from './helpers.ts';

const pending = 'Authorization pending: please repeat the request in a few seconds.';

async function pushChallenge(emulator: TestEmulator) {
  const { mfaToken } = await loginUntilMfa(emulator, SEED.push.email);
  const reply = await challenge(emulator, mfaToken);
  expect(reply.body).toEqual({ challenge_type: 'oob', oob_code: expect.any(String) });
  const message = await latestMessage(emulator, SEED.push.email);
  expect(message).toMatchObject({ channel: 'push', purpose: 'mfa-challenge', push: { status: 'pending' } });
  const poll = () => mfaGrant(emulator, 'mfaOob', mfaToken, { oob_code: str(reply, 'oob_code') });
  return { poll, messageId: message.id };
}

describe('MFA with push (Guardian)', () => {
  const emulator = useEmulator();

  it('is pending until approved, then issues tokens', async () => {
    const { poll, messageId } = await pushChallenge(emulator());
    expectError(await poll(), 400, 'authorization_pending', pending);
    emulator().advanceClock(5);
    expectError(await poll(), 400, 'authorization_pending', pending);
    expect((await decidePush(emulator(), messageId, 'approve')).status).toBe(200);
    emulator().advanceClock(5);
    const tokens = await poll();
    expect(tokens.status, tokens.text).toBe(200);
    expect(tokens.body.access_token).toEqual(expect.any(String));
  });

  it('answers slow_down when polled faster than every 5 seconds', async () => {
    const { poll, messageId } = await pushChallenge(emulator());
    await poll();
    emulator().advanceClock(4);
    expectError(await poll(), 400, 'slow_down');
    await decidePush(emulator(), messageId, 'approve');
    emulator().advanceClock(5);
    expect((await poll()).status).toBe(200);
  });

  it('answers the configured rejection (access_denied by default) and stops', async () => {
    const { poll, messageId } = await pushChallenge(emulator());
    await decidePush(emulator(), messageId, 'reject');
    expectError(await poll(), 400, 'access_denied', 'MFA Authorization rejected.');
    emulator().advanceClock(5);
    expectError(await poll(), 403, 'invalid_grant', 'Invalid oob_code.');
  });

  it('expires an unanswered push after 5 minutes', async () => {
    const { poll } = await pushChallenge(emulator());
    emulator().advanceClock(300);
    expectError(await poll(), 403, 'expired_token', 'oob_code is expired');
  });
});

describe('MFA with push rejected as documented (invalid_grant)', () => {
  const emulator = useEmulator({
    unconfirmed: {
      pushRejected: { status: 403, error: 'invalid_grant', error_description: 'MFA Authorization rejected.' },
    },
  });

  it('uses the configured error', async () => {
    const { poll, messageId } = await pushChallenge(emulator());
    await decidePush(emulator(), messageId, 'reject');
    expectError(await poll(), 403, 'invalid_grant', 'MFA Authorization rejected.');
  });
});
