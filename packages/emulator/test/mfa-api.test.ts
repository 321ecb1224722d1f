import { describe, expect, it } from 'vitest';
import {
  associate,
  challenge,
  decidePush,
  deleteAuthenticator,
  expectError,
  get,
  latestMessage,
  listAuthenticators,
  loginUntilMfa,
  loginWithEmail,
  mfaApiAudience,
  mfaApiScope,
  mfaApiToken,
  mfaGrant,
  SEED,
  str,
  totp,
  useEmulator,
  type TestEmulator,
} from './helpers.ts';

const { email, secret } = SEED.totp;

/** enroll@example.com enrols push (which pairs a TOTP), then gets an MFA-API token by approving a push. */
async function enrolPushAndGetApiToken(emulator: TestEmulator): Promise<string> {
  const user = 'enroll@example.com';
  const enrol = await loginUntilMfa(emulator, user);
  const associated = await associate(emulator, enrol.mfaToken, {
    authenticator_types: ['oob'],
    oob_channels: ['auth0'],
  });
  await decidePush(emulator, (await latestMessage(emulator, user)).id, 'approve');
  expect(
    (await mfaGrant(emulator, 'mfaOob', enrol.mfaToken, { oob_code: str(associated, 'oob_code') })).status,
  ).toBe(200);

  const { mfaToken } = await loginUntilMfa(emulator, user, {
    audience: mfaApiAudience(emulator),
    scope: mfaApiScope,
  });
  const pushed = await challenge(emulator, mfaToken);
  await decidePush(emulator, (await latestMessage(emulator, user)).id, 'approve');
  const reply = await mfaGrant(emulator, 'mfaOob', mfaToken, { oob_code: str(pushed, 'oob_code') });
  expect(reply.status, reply.text).toBe(200);
  return str(reply, 'access_token');
}

describe('MFA API with an access token for the /mfa/ audience', () => {
  const emulator = useEmulator();

  it('requesting the /mfa/ audience forces MFA, even with policy per-user and no factor due', async () => {
    const { reply } = await loginUntilMfa(emulator(), 'alice@example.com', {
      audience: mfaApiAudience(emulator()),
    });
    expect(reply.body.mfa_requirements).toHaveProperty('enroll');
  });

  it('issues a 10-minute token that lists the authenticators', async () => {
    const { mfaToken } = await loginUntilMfa(emulator(), email, {
      audience: mfaApiAudience(emulator()),
      scope: mfaApiScope,
    });
    const reply = await mfaGrant(emulator(), 'mfaOtp', mfaToken, { otp: totp(emulator(), secret) });
    expect(reply.body).toMatchObject({ expires_in: 600, scope: mfaApiScope });
    const token = str(reply, 'access_token');
    // Seeded ids are stable across restarts and listed in the README.
    expect(await listAuthenticators(emulator(), token)).toEqual([
      { type: 'otp', id: 'totp|dev_jN0x3pGPCpM8LtCE', authenticator_type: 'otp', active: true },
      {
        type: 'recovery-code',
        id: 'recovery-code|dev_NvMDeHF2Lnkj0k5V',
        authenticator_type: 'recovery-code',
        active: true,
      },
    ]);
    emulator().advanceClock(600);
    expectError(
      await get(emulator(), '/mfa/authenticators', { authorization: `Bearer ${token}` }),
      401,
      'invalid_token',
    );
  });

  it('deletes an authenticator (204, empty body) and answers 404 for an unknown id', async () => {
    const token = await mfaApiToken(emulator(), email, secret);
    const [otp] = await listAuthenticators(emulator(), token);
    const deleted = await deleteAuthenticator(emulator(), token, otp!.id);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await listAuthenticators(emulator(), token)).map((entry) => entry.type)).toEqual([
      'recovery-code',
    ]);
    expectError(
      await deleteAuthenticator(emulator(), token, otp!.id),
      404,
      'not_found',
      'Authenticator not found.',
    );
  });

  it('deleting either half of a push/TOTP pair deletes both', async () => {
    const token = await enrolPushAndGetApiToken(emulator());
    const listed = await listAuthenticators(emulator(), token);
    expect(listed.map((entry) => entry.type).sort()).toEqual(['otp', 'push-notification', 'recovery-code']);
    const pairedTotp = listed.find((entry) => entry.type === 'otp')!;
    expect((await deleteAuthenticator(emulator(), token, pairedTotp.id)).status).toBe(204);
    expect((await listAuthenticators(emulator(), token)).map((entry) => entry.type)).toEqual([
      'recovery-code',
    ]);
  });

  it('needs remove:authenticators to delete and refuses an mfa_token', async () => {
    const { mfaToken } = await loginUntilMfa(emulator(), email, {
      audience: mfaApiAudience(emulator()),
      scope: 'openid read:authenticators',
    });
    const readOnly = str(
      await mfaGrant(emulator(), 'mfaOtp', mfaToken, { otp: totp(emulator(), secret) }),
      'access_token',
    );
    const [otp] = await listAuthenticators(emulator(), readOnly);
    expectError(
      await deleteAuthenticator(emulator(), readOnly, otp!.id),
      403,
      'insufficient_scope',
      'Insufficient scope, expected: remove:authenticators',
    );

    const { mfaToken: plain } = await loginUntilMfa(emulator(), email);
    expectError(await deleteAuthenticator(emulator(), plain, otp!.id), 401, 'invalid_token');
  });

  it('does not emulate enrolment with an MFA-API token (mfa_token only)', async () => {
    const token = await mfaApiToken(emulator(), email, secret);
    const reply = await associate(emulator(), token, { authenticator_types: ['otp'] });
    expectError(reply, 400, 'invalid_request', 'The emulator enrols authenticators with an mfa_token only.');
  });

  it('does not accept an ordinary access token', async () => {
    const tokens = await loginWithEmail(emulator(), 'alice@example.com');
    const reply = await get(emulator(), '/mfa/authenticators', {
      authorization: `Bearer ${str(tokens, 'access_token')}`,
    });
    expectError(reply, 401, 'invalid_token', 'The access token is invalid or expired.');
    expect(reply.headers.get('www-authenticate')).toContain('invalid_token');
  });
});
