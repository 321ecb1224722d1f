import { describe, expect, it } from 'vitest';
import {
  expectError,
  NATIVE,
  otpGrant,
  outbox,
  post,
  startEmail,
  startSms,
  startTestEmulator,
  useEmulator,
  WEB,
  WEB_SECRET,
} from './helpers.ts';

describe('POST /passwordless/start', () => {
  const emulator = useEmulator();

  it('sends an e-mail code and echoes the identity', async () => {
    const reply = await startEmail(emulator(), 'alice@example.com');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(reply.body).toEqual({
      _id: expect.stringMatching(/^[0-9a-f]{24}$/),
      email: 'alice@example.com',
      email_verified: true,
    });
    const [message, ...rest] = await outbox(emulator(), 'alice@example.com');
    expect(rest).toEqual([]);
    expect(message).toMatchObject({
      channel: 'email',
      purpose: 'passwordless-code',
      clientId: NATIVE,
      code: expect.stringMatching(/^\d{6}$/),
    });
  });

  it('keeps the same _id for an identity across restarts (stable user ids)', async () => {
    const first = await startEmail(emulator(), 'newcomer@example.com');
    const other = await startTestEmulator();
    try {
      const second = await startEmail(other, 'newcomer@example.com');
      expect(second.body._id).toBe(first.body._id);
      expect(first.body.email_verified).toBe(false);
    } finally {
      await other.close();
    }
  });

  it('sends an SMS code by default, and a link by default for e-mail', async () => {
    const sms = await startSms(emulator(), '+15555550100');
    expect(sms.body).toMatchObject({ phone_number: '+15555550100', phone_verified: true });
    expect((await outbox(emulator(), '+15555550100'))[0]).toMatchObject({
      channel: 'sms',
      code: expect.any(String),
    });

    await startEmail(emulator(), 'alice@example.com', { send: undefined });
    expect((await outbox(emulator(), 'alice@example.com'))[0]).toMatchObject({
      purpose: 'magic-link',
      link: expect.stringContaining('/passwordless/verify_redirect?'),
    });
  });

  it('treats link_ios and link_android as links and records the request language', async () => {
    await startEmail(emulator(), 'alice@example.com', { send: 'link_ios' }, { 'x-request-language': 'fr' });
    await startEmail(emulator(), 'alice@example.com', { send: 'link_android' }, { 'accept-language': 'de' });
    const messages = await outbox(emulator(), 'alice@example.com');
    expect(messages.map((message) => [message.purpose, message.language])).toEqual([
      ['magic-link', 'fr'],
      ['magic-link', 'de'],
    ]);
  });

  it('accepts a confidential client with its secret, in the body or as HTTP Basic', async () => {
    const inBody = await startEmail(emulator(), 'alice@example.com', {
      client_id: WEB,
      client_secret: WEB_SECRET,
    });
    expect(inBody.status).toBe(200);
    const basic = Buffer.from(`${WEB}:${WEB_SECRET}`).toString('base64');
    const viaBasic = await post(
      emulator(),
      '/passwordless/start',
      { connection: 'email', email: 'alice@example.com', send: 'code' },
      { authorization: `Basic ${basic}` },
    );
    expect(viaBasic.status).toBe(200);
  });

  it('requires client authentication from a confidential client', async () => {
    const reply = await startEmail(emulator(), 'alice@example.com', { client_id: WEB });
    expectError(reply, 403, 'unauthorized_client', 'Client authentication is required');
    const wrong = await startEmail(emulator(), 'alice@example.com', {
      client_id: WEB,
      client_secret: 'nope',
    });
    expectError(wrong, 401, 'access_denied', 'Unauthorized');
    expect(await outbox(emulator(), 'alice@example.com')).toEqual([]);
  });

  it('rejects an unknown client', async () => {
    expectError(
      await startEmail(emulator(), 'alice@example.com', { client_id: 'who' }),
      401,
      'access_denied',
      'Unauthorized',
    );
  });

  it('answers 200 for a blocked user but sends nothing', async () => {
    const reply = await startEmail(emulator(), 'blocked@example.com');
    expect(reply.status).toBe(200);
    expect(reply.body.email).toBe('blocked@example.com');
    expect(await outbox(emulator(), 'blocked@example.com')).toEqual([]);
  });

  it.each([
    [{}, 'bad.client_id', 'Missing required property: client_id'],
    [{ client_id: NATIVE }, 'bad.connection', 'Missing required property: connection'],
    [{ client_id: NATIVE, connection: 'github' }, 'bad.connection', 'Connection does not exist'],
    [{ client_id: NATIVE, connection: 'sms' }, 'bad.phone_number', 'Missing required property: phone_number'],
    [
      { client_id: NATIVE, connection: 'sms', phone_number: '555' },
      'bad.phone_number',
      'String does not match pattern: ^\\+[0-9]{1,15}$',
    ],
    [{ client_id: NATIVE, connection: 'email' }, 'bad.email', 'Missing required property: email'],
    [
      { client_id: NATIVE, connection: 'email', email: 'a@b.co', authParams: 'x' },
      'bad.authParams',
      'error in authParams - invalid type: string (expected object)',
    ],
    [
      { client_id: NATIVE, connection: 'email', email: 'a@b.co', authParams: [] },
      'bad.authParams',
      'error in authParams - invalid type: array (expected object)',
    ],
    [
      { client_id: NATIVE, connection: 'email', email: 'a@b.co', foo: 1 },
      'bad.request',
      'the following properties are not allowed: foo',
    ],
    [
      { client_id: 5, connection: 'email', email: 'a@b.co' },
      'bad.client_id',
      'error in client_id - invalid type: number (expected string)',
    ],
  ])('400 for %j', async (body, error, description) => {
    expectError(await post(emulator(), '/passwordless/start', body), 400, error, description);
  });

  it('400 bad.email for an address that is not one', async () => {
    const reply = await startEmail(emulator(), 'not-an-address');
    expectError(reply, 400, 'bad.email');
    expect(reply.body.error_description).toContain('not-an-address');
  });

  it('400 bad.send for an unknown send mode', async () => {
    expectError(await startEmail(emulator(), 'alice@example.com', { send: 'pigeon' }), 400, 'bad.send');
  });
});

describe('POST /passwordless/start with a custom tenant', () => {
  const emulator = useEmulator({
    connections: { email: { disableSignup: true } },
    clients: [
      { clientId: 'no-grant', grantTypes: ['refresh_token'] },
      { clientId: 'email-only', connections: ['email'] },
    ],
  });

  it('answers unauthorized_client with error_uri when the passwordless grant is not enabled', async () => {
    const reply = await startEmail(emulator(), 'alice@example.com', { client_id: 'no-grant' });
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({
      error: 'unauthorized_client',
      error_description:
        "Grant type 'http://auth0.com/oauth/grant-type/passwordless/otp' not allowed for the client.",
      error_uri: 'https://auth0.com/docs/clients/client-grant-types',
    });
  });

  it('answers the same unauthorized_client body at /oauth/token', async () => {
    const reply = await otpGrant(emulator(), {
      username: 'alice@example.com',
      otp: '123456',
      clientId: 'no-grant',
    });
    expectError(
      reply,
      403,
      'unauthorized_client',
      "Grant type 'http://auth0.com/oauth/grant-type/passwordless/otp' not allowed for the client.",
    );
    expect(reply.body.error_uri).toBe('https://auth0.com/docs/clients/client-grant-types');
  });

  it('answers bad.connection when the connection is not enabled for the client', async () => {
    const reply = await startSms(emulator(), '+15555550100', { client_id: 'email-only' });
    expectError(reply, 400, 'bad.connection', 'Connection is disabled');
  });

  it('sends nothing to unknown users when sign-ups are disabled, but still to known ones', async () => {
    const unknown = await startEmail(emulator(), 'stranger@example.com', { client_id: 'email-only' });
    expect(unknown.status).toBe(200);
    expect(await outbox(emulator(), 'stranger@example.com')).toEqual([]);
    await startEmail(emulator(), 'alice@example.com', { client_id: 'email-only' });
    expect(await outbox(emulator(), 'alice@example.com')).toHaveLength(1);
  });
});
