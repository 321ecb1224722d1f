import { describe, expect, it } from 'vitest';
import * as clientEntry from '../../src/client.ts';
import * as mainEntry from '../../src/index.ts';
import { emulatorUrl, latest } from './helpers.ts';

const { createAuth0Client, isPasswordlessError, parseMagicLinkCallback } = clientEntry;
const redirectUri = 'http://localhost:5173/callback';

describe('@passwordless-xstate/core/client: the Auth0 client without the chart', () => {
  it('signs in with a magic link over real HTTP: send, follow, parse the callback, exchange, verify', async () => {
    const email = `client-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const client = createAuth0Client({ baseUrl: emulatorUrl(), clientId: 'pwl-native' });
    await client.startPasswordless({
      connection: 'email',
      email,
      send: 'link',
      authParams: { responseType: 'code', redirectUri, state: 'state-1', nonce: 'nonce-1' },
    });
    const followed = await fetch((await latest(email)).link ?? '', { redirect: 'manual' });
    const callbackUrl = followed.headers.get('location') ?? '';

    expect(() => parseMagicLinkCallback(callbackUrl, { expectedState: 'another' })).toThrow(
      expect.objectContaining({ code: 'state_mismatch' }),
    );
    const { code } = parseMagicLinkCallback(callbackUrl, { expectedState: 'state-1' });
    const tokens = await client.exchangeAuthorizationCode({ code, redirectUri });
    const claims = await client.validateIdToken(tokens.idToken ?? '', { nonce: 'nonce-1' });
    expect(claims.email).toBe(email);

    const replayed = await client
      .exchangeAuthorizationCode({ code, redirectUri })
      .catch((error: unknown) => error);
    expect(isPasswordlessError(replayed, 'invalid_grant')).toBe(true);
  });

  it('holds every value export of the main entry that belongs to the client, and the callback parser', () => {
    for (const name of ['createAuth0Client', 'validateIdToken', 'PasswordlessError', 'isPasswordlessError'])
      expect(clientEntry[name as keyof typeof clientEntry]).toBe(mainEntry[name as keyof typeof mainEntry]);
    // Not in the main entry: there esbuild would load it, with Auth0's error classification, up front.
    expect('parseMagicLinkCallback' in mainEntry).toBe(false);
  });
});
