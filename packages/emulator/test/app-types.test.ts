import { describe, expect, it } from 'vitest';
import { GRANT, resolveConfig, startEmulator } from '../src/index.ts';
import {
  expectError,
  latestCode,
  loginUntilMfa,
  mfaGrant,
  otpGrant,
  post,
  SPA,
  startEmail,
  useEmulator,
} from './helpers.ts';

const otpNotAllowed = {
  error: 'unauthorized_client',
  error_description: `Grant type '${GRANT.passwordlessOtp}' not allowed for the client.`,
  error_uri: 'https://auth0.com/docs/clients/client-grant-types',
};

describe('application types at start-up', () => {
  it('refuses an SPA with the Passwordless OTP or an MFA grant, naming the client and the fix', async () => {
    const config = {
      clients: [
        { clientId: 'my-spa', appType: 'spa' as const, grantTypes: [GRANT.passwordlessOtp, GRANT.mfaOob] },
      ],
    };
    expect(() => resolveConfig(config)).toThrow(
      /Client "my-spa" is a Single-Page Application .* does not allow the grants http:\/\/auth0\.com\/oauth\/grant-type\/passwordless\/otp, http:\/\/auth0\.com\/oauth\/grant-type\/mfa-oob on SPAs/,
    );
    await expect(startEmulator({ port: 0, log: false, config })).rejects.toThrow(/appType "native"/);
  });

  it('refuses an unknown appType', () => {
    expect(() => resolveConfig({ clients: [{ clientId: 'x', appType: 'm2m' as never }] })).toThrow(
      /appType "m2m"; use one of native, regular_web, spa/,
    );
  });

  it('gives an SPA the grants Auth0 offers it when the config names none', () => {
    const [client] = resolveConfig({ clients: [{ clientId: 'my-spa', appType: 'spa' }] }).clients;
    expect(client?.grantTypes).toEqual([GRANT.authorizationCode, GRANT.implicit, GRANT.refreshToken]);
  });
});

describe('the seeded SPA pwl-spa', () => {
  const emulator = useEmulator();

  it('holds only the grants an SPA can have', () => {
    const spa = resolveConfig().clients.find((client) => client.clientId === SPA);
    expect(spa).toMatchObject({ appType: 'spa', crossOriginAuthentication: true });
    expect(spa?.grantTypes).toEqual([GRANT.authorizationCode, GRANT.implicit, GRANT.refreshToken]);
  });

  it('may start an embedded login (auth0.js does) but not exchange the code at /oauth/token', async () => {
    const started = await startEmail(emulator(), 'alice@example.com', { client_id: SPA });
    expect(started.status, started.text).toBe(200);
    const otp = await latestCode(emulator(), 'alice@example.com');
    const reply = await otpGrant(emulator(), { username: 'alice@example.com', otp, clientId: SPA });
    expect({ status: reply.status, body: reply.body }).toEqual({ status: 403, body: otpNotAllowed });
  });

  it('cannot use the MFA grants', async () => {
    const { mfaToken } = await loginUntilMfa(emulator(), 'totp@example.com');
    expectError(
      await mfaGrant(emulator(), 'mfaOtp', mfaToken, { otp: '123456' }, SPA),
      403,
      'unauthorized_client',
      `Grant type '${GRANT.mfaOtp}' not allowed for the client.`,
    );
  });
});

describe('a client without a grant', () => {
  const emulator = useEmulator({
    clients: [
      { clientId: 'no-otp', grantTypes: [GRANT.refreshToken] },
      { clientId: 'spa-no-co', appType: 'spa' },
    ],
  });

  it('gets unauthorized_client from /passwordless/start and /oauth/token', async () => {
    const start = await startEmail(emulator(), 'alice@example.com', { client_id: 'no-otp' });
    expect({ status: start.status, body: start.body }).toEqual({ status: 403, body: otpNotAllowed });
    const token = await otpGrant(emulator(), {
      username: 'alice@example.com',
      otp: '000000',
      clientId: 'no-otp',
    });
    expect({ status: token.status, body: token.body }).toEqual({ status: 403, body: otpNotAllowed });
  });

  it('an SPA without cross-origin authentication cannot start a passwordless login either', async () => {
    const start = await post(emulator(), '/passwordless/start', {
      client_id: 'spa-no-co',
      connection: 'email',
      email: 'alice@example.com',
      send: 'code',
    });
    expect({ status: start.status, body: start.body }).toEqual({ status: 403, body: otpNotAllowed });
  });
});
