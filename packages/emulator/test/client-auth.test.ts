import { describe, expect, it } from 'vitest';
import { GRANT, NATIVE, post, useEmulator, WEB, WEB_SECRET, type TestEmulator } from './helpers.ts';

const basic = (credentials: string) => ({
  authorization: `Basic ${Buffer.from(credentials).toString('base64')}`,
});

/** Every endpoint that authenticates the client, with a body that is fine apart from the credentials. */
const endpoints: Array<[string, Record<string, string>]> = [
  ['/passwordless/start', { connection: 'email', email: 'alice@example.com', send: 'code' }],
  ['/oauth/token', { grant_type: GRANT.refreshToken, refresh_token: 'x' }],
  ['/mfa/challenge', { mfa_token: 'x' }],
  ['/oauth/revoke', { token: 'x' }],
];

// RFC 6749 §2.3.1 form-encodes id and secret before base64; these escapes decode to nothing.
const brokenEscapes = [`${WEB}:%zz`, `${WEB}:${WEB_SECRET}%`, `${WEB}:%E2%82`, `%E2%82:${WEB_SECRET}`];

const cases = endpoints.flatMap(([path, body]) =>
  brokenEscapes.map((credentials) => ({ path, body, credentials })),
);

async function expectAllRejected(emulator: TestEmulator, expected: Record<string, unknown>) {
  for (const { path, body, credentials } of cases) {
    const reply = await post(emulator, path, body, basic(credentials));
    expect({ path, credentials, status: reply.status, body: reply.body }).toEqual({
      path,
      credentials,
      status: 401,
      body: expected,
    });
  }
}

describe('HTTP Basic client authentication with broken percent-encoding', () => {
  const emulator = useEmulator();

  it('answers 401 with the bad-credentials body on every endpoint, never a 5xx', async () => {
    await expectAllRejected(emulator(), { error: 'access_denied', error_description: 'Unauthorized' });
  });

  it('still decodes well-formed escapes', async () => {
    const encoded = `${encodeURIComponent(WEB).replace('-', '%2D')}:${encodeURIComponent(WEB_SECRET)}`;
    const reply = await post(emulator(), '/oauth/revoke', { token: 'x' }, basic(encoded));
    expect(reply.status, reply.text).toBe(200);
    expect((await post(emulator(), '/oauth/revoke', { client_id: NATIVE, token: 'x' })).status).toBe(200);
  });
});

describe('broken Basic credentials with the OpenAPI reading of bad credentials', () => {
  const invalidClient = { error: 'invalid_client', error_description: 'Client authentication failed' };
  const emulator = useEmulator({
    unconfirmed: { invalidClientCredentials: { status: 401, ...invalidClient } },
  });

  it('answers the configured body', async () => {
    await expectAllRejected(emulator(), invalidClient);
  });
});
