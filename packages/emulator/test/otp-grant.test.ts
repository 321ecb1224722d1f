import { describe, expect, it } from 'vitest';
import {
  expectError,
  GRANT,
  latestCode,
  loginWithEmail,
  MFA_CLIENT,
  otpGrant,
  request,
  startEmail,
  startSms,
  useEmulator,
  WEB,
  WEB_SECRET,
} from './helpers.ts';

const wrongEmail = 'Wrong email or verification code.';
const expired = 'The verification code has expired. Please try to login again.';
const exhausted = "You've reached the maximum number of attempts. Please try to login again.";

describe('POST /oauth/token passwordless/otp', () => {
  const emulator = useEmulator();

  it('exchanges an e-mail code for tokens (no refresh token without offline_access)', async () => {
    const reply = await loginWithEmail(emulator(), 'alice@example.com');
    expect(reply.status, reply.text).toBe(200);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(reply.body).toEqual({
      access_token: expect.any(String),
      id_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 86400,
      scope: 'openid profile email',
    });
  });

  it('issues a refresh token for offline_access, and no id_token without openid', async () => {
    const offline = await loginWithEmail(emulator(), 'alice@example.com', { scope: 'openid offline_access' });
    expect(offline.body).toMatchObject({ refresh_token: expect.any(String), scope: 'openid offline_access' });
    const noOpenid = await loginWithEmail(emulator(), 'alice@example.com', { scope: 'profile' });
    expect(noOpenid.status).toBe(200);
    expect(noOpenid.body.id_token).toBeUndefined();
  });

  it('accepts a form-encoded body and an SMS code', async () => {
    await startSms(emulator(), '+15555550100');
    const reply = await request(emulator(), 'POST', '/oauth/token', {
      form: {
        grant_type: GRANT.passwordlessOtp,
        client_id: 'pwl-native',
        realm: 'sms',
        username: '+15555550100',
        otp: await latestCode(emulator(), '+15555550100'),
      },
    });
    expect(reply.status, reply.text).toBe(200);
  });

  it('signs up an unknown e-mail on first verification', async () => {
    expect((await loginWithEmail(emulator(), 'Brand.New@Example.com')).status).toBe(200);
  });

  it('rejects a wrong code with the connection-specific description', async () => {
    await startEmail(emulator(), 'alice@example.com');
    expectError(
      await otpGrant(emulator(), { username: 'alice@example.com', otp: '000000x' }),
      403,
      'invalid_grant',
      wrongEmail,
    );
    await startSms(emulator(), '+15555550100');
    expectError(
      await otpGrant(emulator(), { username: '+15555550100', realm: 'sms', otp: 'nope' }),
      403,
      'invalid_grant',
      'Wrong phone number or verification code.',
    );
  });

  it('consumes a code when it is used', async () => {
    await startEmail(emulator(), 'alice@example.com');
    const otp = await latestCode(emulator(), 'alice@example.com');
    expect((await otpGrant(emulator(), { username: 'alice@example.com', otp })).status).toBe(200);
    expectError(
      await otpGrant(emulator(), { username: 'alice@example.com', otp }),
      403,
      'invalid_grant',
      wrongEmail,
    );
  });

  it('keeps only the latest code valid', async () => {
    await startEmail(emulator(), 'alice@example.com');
    const first = await latestCode(emulator(), 'alice@example.com');
    await startEmail(emulator(), 'alice@example.com');
    const second = await latestCode(emulator(), 'alice@example.com');
    if (first !== second) {
      expectError(
        await otpGrant(emulator(), { username: 'alice@example.com', otp: first }),
        403,
        'invalid_grant',
        wrongEmail,
      );
    }
    expect((await otpGrant(emulator(), { username: 'alice@example.com', otp: second })).status).toBe(200);
  });

  it('kills a code after 3 wrong attempts, even for the right code', async () => {
    await startEmail(emulator(), 'alice@example.com');
    const otp = await latestCode(emulator(), 'alice@example.com');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expectError(
        await otpGrant(emulator(), { username: 'alice@example.com', otp: 'wrong' }),
        403,
        'invalid_grant',
        wrongEmail,
      );
    }
    expectError(
      await otpGrant(emulator(), { username: 'alice@example.com', otp }),
      403,
      'invalid_grant',
      exhausted,
    );
  });

  it('accepts a code for 180 s and then reports it expired', async () => {
    await startEmail(emulator(), 'alice@example.com');
    const otp = await latestCode(emulator(), 'alice@example.com');
    emulator().advanceClock(179);
    expectError(
      await otpGrant(emulator(), { username: 'alice@example.com', otp: 'wrong' }),
      403,
      'invalid_grant',
      wrongEmail,
    );
    emulator().advanceClock(1);
    expectError(
      await otpGrant(emulator(), { username: 'alice@example.com', otp }),
      403,
      'invalid_grant',
      expired,
    );
  });

  it('does not accept a code issued to another client', async () => {
    await startEmail(emulator(), 'alice@example.com');
    const otp = await latestCode(emulator(), 'alice@example.com');
    const reply = await otpGrant(emulator(), { username: 'alice@example.com', otp, clientId: MFA_CLIENT });
    expectError(reply, 403, 'invalid_grant', wrongEmail);
  });

  it('requires the secret of a confidential client', async () => {
    const extra = { client_id: WEB, client_secret: WEB_SECRET };
    await startEmail(emulator(), 'alice@example.com', extra);
    const otp = await latestCode(emulator(), 'alice@example.com');
    expectError(
      await otpGrant(emulator(), { username: 'alice@example.com', otp, clientId: WEB }),
      401,
      'access_denied',
      'Unauthorized',
    );
    const withSecret = await otpGrant(emulator(), {
      username: 'alice@example.com',
      otp,
      clientId: WEB,
      extra,
    });
    expect(withSecret.status).toBe(200);
  });

  it.each([
    [{ realm: 'github' }, 400, 'invalid_request', 'Unknown realm github.'],
    [{ username: '' }, 400, 'invalid_request', 'Missing required parameter: username'],
    [{ otp: '' }, 400, 'invalid_request', 'Missing required parameter: otp'],
  ])('rejects %j', async (override, status, error, description) => {
    const body = {
      grant_type: GRANT.passwordlessOtp,
      client_id: 'pwl-native',
      realm: 'email',
      username: 'a@b.co',
      otp: '1',
      ...override,
    };
    expectError(
      await request(emulator(), 'POST', '/oauth/token', { json: body }),
      status,
      error,
      description,
    );
  });
});
