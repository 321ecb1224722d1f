import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAuth0Client } from '../../src/api/client.ts';
import { reply, startTestServer } from './http-server.ts';
import type { TestServer } from './http-server.ts';
import { rejection } from './rejection.ts';

const MFA_TOKEN = 'Fe26.2**mfa';
const NOW = 1_750_000_000_000;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const client = () =>
  createAuth0Client({
    baseUrl: server.baseUrl,
    clientId: 'CLIENT_ID',
    clientSecret: 'SECRET',
    now: () => NOW,
  });
const publicClient = () =>
  createAuth0Client({ baseUrl: server.baseUrl, clientId: 'CLIENT_ID', now: () => NOW });

// GO TestMFAListAuthenticators.yaml (notes §4.1): no `type`, `oob_channel` only on OOB entries.
const recordedList = [
  {
    id: 'sms|dev_klnv5yshzzoosSUm',
    authenticator_type: 'oob',
    active: false,
    oob_channel: 'sms',
    name: 'XXXXXXXXX9167',
  },
  { id: 'recovery-code|dev_i1kgKoFSZLbPt6G1', authenticator_type: 'recovery-code', active: false },
  { id: 'push|dev_BBTKYpxKHOXVBnql', authenticator_type: 'oob', active: false, oob_channel: 'auth0' },
  { id: 'totp|dev_WzMZ2sZbUw1wbC2F', authenticator_type: 'otp', active: false },
  {
    id: 'email|dev_hdkmORJuqOmjRRQU',
    authenticator_type: 'oob',
    active: true,
    oob_channel: 'email',
    name: '****@exam*******',
  },
];

describe('listAuthenticators', () => {
  it('sends the mfa_token as Bearer and keeps only active entries by default', async () => {
    server.on('GET', '/mfa/authenticators', reply(200, recordedList));
    const list = await client().listAuthenticators({ mfaToken: MFA_TOKEN });
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${MFA_TOKEN}`);
    expect(list).toEqual([
      {
        id: 'email|dev_hdkmORJuqOmjRRQU',
        type: 'email',
        authenticatorType: 'oob',
        oobChannel: 'email',
        name: '****@exam*******',
        active: true,
      },
    ]);
  });

  it('derives the type of the recorded list from oob_channel and the id prefix', async () => {
    server.on('GET', '/mfa/authenticators', reply(200, recordedList));
    const list = await client().listAuthenticators({ mfaToken: MFA_TOKEN, includeInactive: true });
    expect(
      list.map(({ id, type, authenticatorType, oobChannel, active }) => ({
        id,
        type,
        authenticatorType,
        oobChannel,
        active,
      })),
    ).toEqual([
      {
        id: 'sms|dev_klnv5yshzzoosSUm',
        type: 'phone',
        authenticatorType: 'oob',
        oobChannel: 'sms',
        active: false,
      },
      {
        id: 'recovery-code|dev_i1kgKoFSZLbPt6G1',
        type: 'recovery-code',
        authenticatorType: 'recovery-code',
        oobChannel: undefined,
        active: false,
      },
      {
        id: 'push|dev_BBTKYpxKHOXVBnql',
        type: 'push-notification',
        authenticatorType: 'oob',
        oobChannel: 'auth0',
        active: false,
      },
      {
        id: 'totp|dev_WzMZ2sZbUw1wbC2F',
        type: 'otp',
        authenticatorType: 'otp',
        oobChannel: undefined,
        active: false,
      },
      {
        id: 'email|dev_hdkmORJuqOmjRRQU',
        type: 'email',
        authenticatorType: 'oob',
        oobChannel: 'email',
        active: true,
      },
    ]);
  });

  it('prefers `type` (Customize MFA), falls back to the prefix without oob_channel, and drops unknown kinds', async () => {
    server.on(
      'GET',
      '/mfa/authenticators',
      reply(200, [
        {
          type: 'recovery-code',
          id: 'recovery-code|dev_qpOkGUOxBpw6R16t',
          authenticator_type: 'recovery-code',
          active: true,
        },
        { type: 'otp', id: 'totp|dev_6NWz8awwC8brh2dN', authenticator_type: 'otp', active: true },
        { id: 'voice|dev_aaaaaaaaaaaaaaaa', authenticator_type: 'oob', active: true },
        { id: 'push|dev_bbbbbbbbbbbbbbbb', active: true },
        { id: 'webauthn|dev_cccccccccccccccc', authenticator_type: 'webauthn', active: true },
        'garbage',
      ]),
    );
    const list = await client().listAuthenticators({ mfaToken: MFA_TOKEN });
    expect(list).toEqual([
      {
        id: 'recovery-code|dev_qpOkGUOxBpw6R16t',
        type: 'recovery-code',
        authenticatorType: 'recovery-code',
        active: true,
      },
      { id: 'totp|dev_6NWz8awwC8brh2dN', type: 'otp', authenticatorType: 'otp', active: true },
      {
        id: 'voice|dev_aaaaaaaaaaaaaaaa',
        type: 'phone',
        authenticatorType: 'oob',
        oobChannel: 'voice',
        active: true,
      },
      {
        id: 'push|dev_bbbbbbbbbbbbbbbb',
        type: 'push-notification',
        authenticatorType: 'oob',
        oobChannel: 'auth0',
        active: true,
      },
    ]);
  });

  it('rejects a non-array body as invalid_response and a bad bearer as invalid_token', async () => {
    server.on('GET', '/mfa/authenticators', reply(200, { authenticators: [] }));
    expect((await rejection(client().listAuthenticators({ mfaToken: MFA_TOKEN }))).code).toBe(
      'invalid_response',
    );
    server.on(
      'GET',
      '/mfa/authenticators',
      reply(401, { error: 'invalid_token', error_description: 'The access token is invalid or expired.' }),
    );
    expect((await rejection(client().listAuthenticators({ mfaToken: MFA_TOKEN }))).code).toBe(
      'invalid_token',
    );
  });
});

describe('challenge', () => {
  it('posts mfa_token, challenge_type and authenticator_id with client auth', async () => {
    server.on(
      'POST',
      '/mfa/challenge',
      reply(200, { challenge_type: 'oob', oob_code: 'OOB', binding_method: 'prompt' }),
    );
    const result = await client().challenge({
      mfaToken: MFA_TOKEN,
      authenticatorId: 'sms|dev_klnv5yshzzoosSUm',
      challengeType: ['otp', 'oob'],
    });
    expect(result).toEqual({ challengeType: 'oob', oobCode: 'OOB', bindingMethod: 'prompt' });
    expect(server.requests[0]?.body).toEqual({
      client_id: 'CLIENT_ID',
      client_secret: 'SECRET',
      mfa_token: MFA_TOKEN,
      challenge_type: 'otp oob',
      authenticator_id: 'sms|dev_klnv5yshzzoosSUm',
    });
  });

  it('returns otp and push challenges', async () => {
    server.on('POST', '/mfa/challenge', reply(200, { challenge_type: 'otp' }));
    expect(await publicClient().challenge({ mfaToken: MFA_TOKEN })).toEqual({ challengeType: 'otp' });
    expect(server.requests[0]?.body).toEqual({ client_id: 'CLIENT_ID', mfa_token: MFA_TOKEN });
    server.on('POST', '/mfa/challenge', reply(200, { challenge_type: 'oob', oob_code: 'Fe26.push' }));
    expect(await publicClient().challenge({ mfaToken: MFA_TOKEN })).toEqual({
      challengeType: 'oob',
      oobCode: 'Fe26.push',
    });
  });

  it('rejects an oob challenge without oob_code as invalid_response', async () => {
    server.on('POST', '/mfa/challenge', reply(200, { challenge_type: 'oob' }));
    const error = await rejection(client().challenge({ mfaToken: MFA_TOKEN }));
    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('oob_code');
  });

  it.each([
    [
      400,
      'unsupported_challenge_type',
      'User does not have any enrolled authenticator',
      'unsupported_challenge_type',
    ],
    [400, 'association_required', 'User must enroll', 'enrollment_required'],
    [403, 'expired_token', 'mfa_token is expired', 'mfa_token_expired'],
    [403, 'invalid_grant', 'Malformed mfa_token', 'mfa_token_expired'],
    [403, 'invalid_request', 'mfa_token not issued to this client', 'mfa_token_expired'],
  ])('maps %i %s to %s', async (status, error, description, code) => {
    server.on('POST', '/mfa/challenge', reply(status, { error, error_description: description }));
    expect((await rejection(client().challenge({ mfaToken: MFA_TOKEN }))).code).toBe(code);
  });
});

describe('verify grants', () => {
  const tokens = { access_token: 'AT', expires_in: 86400, scope: 'openid profile', token_type: 'Bearer' };

  it('verifies a TOTP with the mfa-otp grant', async () => {
    server.on('POST', '/oauth/token', reply(200, tokens));
    const result = await client().verifyMfaOtp({ mfaToken: MFA_TOKEN, otp: '853 860' });
    expect(result).toMatchObject({ accessToken: 'AT', expiresAt: NOW + 86_400_000 });
    expect(server.requests[0]?.body).toEqual({
      grant_type: 'http://auth0.com/oauth/grant-type/mfa-otp',
      client_id: 'CLIENT_ID',
      client_secret: 'SECRET',
      mfa_token: MFA_TOKEN,
      otp: '853860',
    });
  });

  it.each([
    ['Invalid otp_code.', 'invalid_mfa_code'],
    ['Invalid binding_code.', 'invalid_mfa_code'],
    ['Invalid recovery code.', 'invalid_mfa_code'],
  ])('maps invalid_grant "%s" to %s', async (description, code) => {
    server.on('POST', '/oauth/token', reply(403, { error: 'invalid_grant', error_description: description }));
    expect((await rejection(client().verifyMfaOtp({ mfaToken: MFA_TOKEN, otp: '1' }))).code).toBe(code);
  });

  it('verifies an OOB binding code with the mfa-oob grant', async () => {
    server.on('POST', '/oauth/token', reply(200, tokens));
    await client().verifyMfaOob({ mfaToken: MFA_TOKEN, oobCode: 'OOB', bindingCode: '123456' });
    expect(server.requests[0]?.body).toEqual({
      grant_type: 'http://auth0.com/oauth/grant-type/mfa-oob',
      client_id: 'CLIENT_ID',
      client_secret: 'SECRET',
      mfa_token: MFA_TOKEN,
      oob_code: 'OOB',
      binding_code: '123456',
    });
  });

  it('walks push polling: pending, slow_down, then tokens; no binding_code is sent', async () => {
    const answers = [
      [
        400,
        {
          error: 'authorization_pending',
          error_description: 'Authorization pending: please repeat the request in a few seconds.',
        },
      ],
      [
        400,
        {
          error: 'slow_down',
          error_description: 'You are polling faster than allowed. Try again in 5 seconds.',
        },
      ],
      [200, tokens],
    ] as const;
    let call = 0;
    server.on('POST', '/oauth/token', (_request, response) => {
      const [status, body] = answers[call++] ?? [500, {}];
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    const poll = () => client().verifyMfaOob({ mfaToken: MFA_TOKEN, oobCode: 'Fe26.push' });
    expect((await rejection(poll())).code).toBe('authorization_pending');
    expect((await rejection(poll())).code).toBe('slow_down');
    await expect(poll()).resolves.toMatchObject({ accessToken: 'AT' });
    expect(server.requests[0]?.body).not.toHaveProperty('binding_code');
  });

  it.each([
    ['access_denied', 400],
    ['invalid_grant', 403],
  ])('maps a push rejection sent as %s to push_rejected', async (error, status) => {
    server.on(
      'POST',
      '/oauth/token',
      reply(status, { error, error_description: 'MFA Authorization rejected.' }),
    );
    const failure = await rejection(client().verifyMfaOob({ mfaToken: MFA_TOKEN, oobCode: 'Fe26.push' }));
    expect(failure).toMatchObject({ code: 'push_rejected', auth0Error: error });
  });

  it('maps an expired oob_code to oob_code_expired', async () => {
    server.on(
      'POST',
      '/oauth/token',
      reply(403, { error: 'expired_token', error_description: 'oob_code is expired' }),
    );
    expect((await rejection(client().verifyMfaOob({ mfaToken: MFA_TOKEN, oobCode: 'x' }))).code).toBe(
      'oob_code_expired',
    );
  });

  it('maps the MFA failure bucket (429 too_many_attempts) to too_many_attempts', async () => {
    server.on(
      'POST',
      '/oauth/token',
      reply(429, {
        error: 'too_many_attempts',
        error_description: 'Too many failed MFA attempts. Please try again later.',
      }),
    );
    expect((await rejection(client().verifyMfaOtp({ mfaToken: MFA_TOKEN, otp: '1' }))).code).toBe(
      'too_many_attempts',
    );
  });

  it('returns the rotated recovery code as newRecoveryCode', async () => {
    server.on(
      'POST',
      '/oauth/token',
      reply(200, {
        access_token: 'O3...H4',
        id_token: 'eyJh...w',
        scope: 'openid profile',
        expires_in: 86400,
        recovery_code: 'K6LGLV3RSH3VERMKET8L7QKU',
        token_type: 'Bearer',
      }),
    );
    const result = await client().verifyRecoveryCode({
      mfaToken: MFA_TOKEN,
      recoveryCode: '17EQHNZC2SZDYG7X4QXVX9SW',
    });
    expect(result.newRecoveryCode).toBe('K6LGLV3RSH3VERMKET8L7QKU');
    expect(result.accessToken).toBe('O3...H4');
    expect(server.requests[0]?.body).toEqual({
      grant_type: 'http://auth0.com/oauth/grant-type/mfa-recovery-code',
      client_id: 'CLIENT_ID',
      client_secret: 'SECRET',
      mfa_token: MFA_TOKEN,
      recovery_code: '17EQHNZC2SZDYG7X4QXVX9SW',
    });
  });
});

describe('associate', () => {
  it('enrols OTP with Bearer auth and camelCases the secret and QR code', async () => {
    server.on(
      'POST',
      '/mfa/associate',
      reply(200, {
        authenticator_type: 'otp',
        secret: 'HJ6XM2DNERXDAVCUONGWKRTCMNTU6VDF',
        barcode_uri: 'otpauth://totp/Tenant:user%40example.com?secret=HJ6X&issuer=Tenant',
        recovery_codes: ['N3BGPZZWJ85JLCNPZBDW6QXC'],
      }),
    );
    const result = await client().associate({ mfaToken: MFA_TOKEN, type: 'otp' });
    expect(result).toEqual({
      authenticatorType: 'otp',
      secret: 'HJ6XM2DNERXDAVCUONGWKRTCMNTU6VDF',
      barcodeUri: 'otpauth://totp/Tenant:user%40example.com?secret=HJ6X&issuer=Tenant',
      recoveryCodes: ['N3BGPZZWJ85JLCNPZBDW6QXC'],
    });
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${MFA_TOKEN}`);
    expect(server.requests[0]?.body).toEqual({
      client_id: 'CLIENT_ID',
      client_secret: 'SECRET',
      authenticator_types: ['otp'],
    });
  });

  it.each([
    [
      { type: 'sms', phoneNumber: '+1 415 555 0123' },
      { oob_channels: ['sms'], phone_number: '+14155550123' },
      'sms',
    ],
    [
      { type: 'voice', phoneNumber: '+14155550123' },
      { oob_channels: ['voice'], phone_number: '+14155550123' },
      'voice',
    ],
    [
      { type: 'email', email: ' u@example.com ' },
      { oob_channels: ['email'], email: 'u@example.com' },
      'email',
    ],
    [{ type: 'push' }, { oob_channels: ['auth0'] }, 'auth0'],
  ] as const)('enrols %o as an oob authenticator', async (params, wire, channel) => {
    server.on(
      'POST',
      '/mfa/associate',
      reply(200, {
        authenticator_type: 'oob',
        oob_channel: channel,
        oob_code: 'Fe26.2*oob',
        ...(channel === 'auth0'
          ? { barcode_uri: 'otpauth://totp/x?enrollment_tx_id=t' }
          : { binding_method: 'prompt' }),
      }),
    );
    const result = await publicClient().associate({ mfaToken: MFA_TOKEN, ...params });
    expect(result).toMatchObject({ authenticatorType: 'oob', oobChannel: channel, oobCode: 'Fe26.2*oob' });
    expect('bindingMethod' in result && result.bindingMethod).toBe(channel === 'auth0' ? false : 'prompt');
    expect(server.requests[0]?.body).toEqual({
      client_id: 'CLIENT_ID',
      authenticator_types: ['oob'],
      ...wire,
    });
  });

  it('validates the phone number before enrolling', async () => {
    const error = await rejection(
      client().associate({ mfaToken: MFA_TOKEN, type: 'sms', phoneNumber: '+0123' }),
    );
    expect(error.code).toBe('invalid_identifier');
    expect(server.requests).toHaveLength(0);
  });

  it('maps "User is already enrolled" to already_enrolled', async () => {
    server.on(
      'POST',
      '/mfa/associate',
      reply(403, { error: 'access_denied', error_description: 'User is already enrolled.' }),
    );
    expect((await rejection(client().associate({ mfaToken: MFA_TOKEN, type: 'otp' }))).code).toBe(
      'already_enrolled',
    );
  });
});
