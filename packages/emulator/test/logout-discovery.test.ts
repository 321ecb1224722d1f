import { describe, expect, it } from 'vitest';
import { CALLBACK, expectError, get, loginWithEmail, NATIVE, request, str, useEmulator } from './helpers.ts';

describe('GET /v2/logout', () => {
  const emulator = useEmulator({
    clients: [{ clientId: 'strict', allowedLogoutUrls: ['https://app.example/bye'] }],
  });

  it('redirects to an allowed returnTo, refuses another, and shows a page without one', async () => {
    const ok = await get(
      emulator(),
      `/v2/logout?client_id=strict&returnTo=${encodeURIComponent('https://app.example/bye')}`,
    );
    expect({ status: ok.status, location: ok.headers.get('location') }).toEqual({
      status: 302,
      location: 'https://app.example/bye',
    });
    expectError(
      await get(emulator(), `/v2/logout?client_id=strict&returnTo=${encodeURIComponent(CALLBACK)}`),
      400,
      'invalid_request',
      `The "returnTo" querystring parameter "${CALLBACK}" is not defined as a valid URL in "Allowed Logout URLs".`,
    );
    const page = await get(emulator(), '/v2/logout');
    expect(page.status).toBe(200);
    expect(page.text).toContain('signed out');
  });
});

describe('GET|POST /oidc/logout', () => {
  const emulator = useEmulator();

  it('takes the client from id_token_hint, checks post_logout_redirect_uri and returns state', async () => {
    const idToken = str(await loginWithEmail(emulator(), 'alice@example.com'), 'id_token');
    const query = new URLSearchParams({
      id_token_hint: idToken,
      post_logout_redirect_uri: CALLBACK,
      state: 'bye',
    });
    const out = await get(emulator(), `/oidc/logout?${query}`);
    expect(out.headers.get('location')).toBe(`${CALLBACK}?state=bye`);
    const posted = await request(emulator(), 'POST', '/oidc/logout', {
      form: { client_id: NATIVE, post_logout_redirect_uri: CALLBACK },
    });
    expect(posted.headers.get('location')).toBe(CALLBACK);
    expectError(
      await get(emulator(), `/oidc/logout?${new URLSearchParams({ post_logout_redirect_uri: CALLBACK })}`),
      400,
      'invalid_request',
    );
    expectError(await get(emulator(), `/oidc/logout?id_token_hint=not-a-token`), 400, 'invalid_request');
    emulator().advanceClock(36001);
    expect((await get(emulator(), `/oidc/logout?${query}`)).status).toBe(302);
  });
});

describe('discovery lists only what is served', () => {
  const emulator = useEmulator();

  it('serves every endpoint it names, and names none it does not serve', async () => {
    const { body } = await get(emulator(), '/.well-known/openid-configuration');
    expect(body.device_authorization_endpoint).toBeUndefined();
    expect(body.registration_endpoint).toBeUndefined();
    expect(body).toMatchObject({
      end_session_endpoint: `${emulator().url}/oidc/logout`,
      authorization_endpoint: `${emulator().url}/authorize`,
      response_modes_supported: ['query', 'fragment'],
      id_token_signing_alg_values_supported: ['RS256'],
    });
    const endpoints = Object.entries(body).filter(([key]) => key.endsWith('_endpoint') || key === 'jwks_uri');
    expect(endpoints.length).toBe(7);
    // A served path answers another method with 405; an unknown one would be a 404.
    for (const [key, url] of endpoints) {
      const path = new URL(String(url)).pathname;
      const routed = await request(emulator(), 'PATCH', path);
      expect(routed.status, `${key} ${path}`).toBe(405);
    }
  });
});
