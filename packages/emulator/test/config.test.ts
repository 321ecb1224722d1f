import { describe, expect, it } from 'vitest';
import { defaultSeed, GRANT, resolveConfig } from '../src/index.ts';
import { expectError, latestCode, loginWithEmail, otpGrant, startEmail, useEmulator } from './helpers.ts';

describe('resolveConfig', () => {
  it('fills a public client from its clientId alone', () => {
    const [client] = resolveConfig({ clients: [{ clientId: 'my-app' }] }).clients;
    expect(client).toEqual({
      clientId: 'my-app',
      name: 'my-app',
      appType: 'native',
      tokenEndpointAuthMethod: 'none',
      grantTypes: Object.values(GRANT),
      callbacks: ['http://localhost:*/*', 'http://127.0.0.1:*/*'],
      webOrigins: ['http://localhost:*', 'http://127.0.0.1:*'],
      connections: ['email', 'sms'],
    });
  });

  it('treats a client with a secret as a confidential regular web app', () => {
    const [client] = resolveConfig({ clients: [{ clientId: 'server', clientSecret: 's3cret' }] }).clients;
    expect(client).toMatchObject({
      appType: 'regular_web',
      tokenEndpointAuthMethod: 'client_secret_post',
      webOrigins: [],
    });
  });

  it('refuses a confidential client without a secret and a client without an id', () => {
    expect(() =>
      resolveConfig({ clients: [{ clientId: 'x', tokenEndpointAuthMethod: 'client_secret_post' }] }),
    ).toThrow(/no clientSecret/);
    expect(() => resolveConfig({ clients: [{ clientId: '' }] })).toThrow(/clientId/);
  });

  it('merges objects and replaces arrays, leaving the defaults untouched', () => {
    const config = resolveConfig({ limits: { passwordlessStart: { burst: 5 } }, users: [] });
    expect(config.limits.passwordlessStart).toEqual({ burst: 5, refill: 50, perSeconds: 3600 });
    expect(config.users).toEqual([]);
    expect(config.clients).toEqual(defaultSeed.clients);
    expect(resolveConfig().limits.passwordlessStart.burst).toBe(50);
  });
});

describe('connection settings', () => {
  const emulator = useEmulator({
    connections: { email: { otpLength: 4, otpLifetimeSeconds: 60, maxAttempts: 1 } },
  });

  it('uses the configured code length, lifetime and attempts', async () => {
    await startEmail(emulator(), 'alice@example.com');
    expect(await latestCode(emulator(), 'alice@example.com')).toMatch(/^\d{4}$/);
    emulator().advanceClock(60);
    const otp = await latestCode(emulator(), 'alice@example.com');
    expectError(
      await otpGrant(emulator(), { username: 'alice@example.com', otp }),
      403,
      'invalid_grant',
      'The verification code has expired. Please try to login again.',
    );

    await startEmail(emulator(), 'alice@example.com');
    await otpGrant(emulator(), { username: 'alice@example.com', otp: 'x' });
    const last = await otpGrant(emulator(), {
      username: 'alice@example.com',
      otp: await latestCode(emulator(), 'alice@example.com'),
    });
    expectError(
      last,
      403,
      'invalid_grant',
      "You've reached the maximum number of attempts. Please try to login again.",
    );
  });

  it('keeps the seeded users working', async () => {
    expect((await loginWithEmail(emulator(), 'alice@example.com')).status).toBe(200);
  });
});
