import { describe, expect, it } from 'vitest';
import {
  bearer,
  expectError,
  get,
  loginWithEmail,
  startEmail,
  str,
  useEmulator,
  WEB,
  WEB_SECRET,
  type Reply,
  type TestEmulator,
} from './helpers.ts';

const tooMany =
  'Too many requests. Check the X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset headers.';

const asWeb = { client_id: WEB, client_secret: WEB_SECRET };
const from = (ip: string) => ({ 'auth0-forwarded-for': ip });

/** Sends `count` starts and returns the last answer. */
async function starts(emulator: TestEmulator, count: number, extra = {}, headers?: Record<string, string>) {
  let last: Reply | undefined;
  for (let index = 0; index < count; index += 1) {
    last = await startEmail(emulator, 'alice@example.com', extra, headers);
    expect(last.status, last.text).toBe(200);
  }
  return last!;
}

const headersOf = (reply: Reply) => ({
  limit: reply.headers.get('x-ratelimit-limit'),
  remaining: reply.headers.get('x-ratelimit-remaining'),
  reset: Number(reply.headers.get('x-ratelimit-reset')),
});

describe('/passwordless/start rate limit (50 per hour per IP)', () => {
  const emulator = useEmulator();

  it('allows 50, then 429 with x-ratelimit-* headers, and refills one per 72 s', async () => {
    const first = await startEmail(emulator(), 'alice@example.com');
    expect(headersOf(first)).toMatchObject({ limit: '50', remaining: '49' });
    const fiftieth = await starts(emulator(), 49);
    expect(headersOf(fiftieth)).toMatchObject({ limit: '50', remaining: '0' });

    const limited = await startEmail(emulator(), 'alice@example.com');
    expectError(limited, 429, 'too_many_requests', tooMany);
    const nowSeconds = Math.floor(emulator().clock.now() / 1000);
    expect(headersOf(limited)).toEqual({ limit: '50', remaining: '0', reset: nowSeconds + 72 });
    expect(limited.headers.get('retry-after')).toBe('72');
    expect(await (await fetch(`${emulator().url}/__dev/outbox`)).json()).toHaveLength(50);

    emulator().advanceClock(71);
    expectError(await startEmail(emulator(), 'alice@example.com'), 429, 'too_many_requests');
    emulator().advanceClock(1);
    expect((await startEmail(emulator(), 'alice@example.com')).status).toBe(200);
    expectError(await startEmail(emulator(), 'alice@example.com'), 429, 'too_many_requests');
  });

  it('keys on auth0-forwarded-for for the confidential client that sent its secret', async () => {
    await starts(emulator(), 50, asWeb, from('203.0.113.1'));
    expectError(
      await startEmail(emulator(), 'alice@example.com', asWeb, from('203.0.113.1')),
      429,
      'too_many_requests',
    );
    expect((await startEmail(emulator(), 'alice@example.com', asWeb, from('203.0.113.2'))).status).toBe(200);
    // The server's own address still has its whole bucket.
    expect(headersOf(await startEmail(emulator(), 'alice@example.com')).remaining).toBe('49');
  });

  it('ignores X-Forwarded-For: the TCP peer is the key', async () => {
    await starts(emulator(), 50, {}, { 'x-forwarded-for': '198.51.100.1' });
    expectError(
      await startEmail(emulator(), 'alice@example.com', {}, { 'x-forwarded-for': '198.51.100.2' }),
      429,
      'too_many_requests',
    );
  });

  it('ignores auth0-forwarded-for from a public client', async () => {
    await starts(emulator(), 50, {}, from('203.0.113.1'));
    expectError(
      await startEmail(emulator(), 'alice@example.com', {}, from('203.0.113.9')),
      429,
      'too_many_requests',
    );
    expectError(await startEmail(emulator(), 'alice@example.com'), 429, 'too_many_requests');
  });
});

describe('start rate limit with untrusted header and a small bucket', () => {
  const emulator = useEmulator({
    clients: [
      { clientId: 'web-untrusted', clientSecret: WEB_SECRET, trustTokenEndpointIpHeader: false },
      { clientId: 'public-trusting', trustTokenEndpointIpHeader: true },
    ],
    limits: { passwordlessStart: { burst: 2, refill: 1, perSeconds: 60 } },
  });

  it('ignores auth0-forwarded-for when the client does not trust it', async () => {
    const untrusted = { client_id: 'web-untrusted', client_secret: WEB_SECRET };
    await starts(emulator(), 2, untrusted, from('203.0.113.1'));
    const limited = await startEmail(emulator(), 'alice@example.com', untrusted, from('203.0.113.2'));
    expectError(limited, 429, 'too_many_requests');
    expect(headersOf(limited).limit).toBe('2');
    expect(limited.headers.get('retry-after')).toBe('60');
  });

  it('ignores auth0-forwarded-for from a public client even when the setting is on (no secret sent)', async () => {
    const publicClient = { client_id: 'public-trusting' };
    await starts(emulator(), 2, publicClient, from('203.0.113.1'));
    expectError(
      await startEmail(emulator(), 'alice@example.com', publicClient, from('203.0.113.2')),
      429,
      'too_many_requests',
    );
  });
});

describe('/userinfo rate limit (burst 10, 5 per minute per user)', () => {
  const emulator = useEmulator();

  it('allows 10 calls, then 429, then one more every 12 s', async () => {
    const token = str(await loginWithEmail(emulator(), 'alice@example.com'), 'access_token');
    for (let call = 0; call < 10; call += 1)
      expect((await get(emulator(), '/userinfo', bearer(token))).status).toBe(200);
    const limited = await get(emulator(), '/userinfo', bearer(token));
    expectError(limited, 429, 'too_many_requests', tooMany);
    expect(headersOf(limited)).toMatchObject({ limit: '10', remaining: '0' });

    const otherUser = str(await loginWithEmail(emulator(), 'bob@example.com'), 'access_token');
    expect((await get(emulator(), '/userinfo', bearer(otherUser))).status).toBe(200);
    emulator().advanceClock(12);
    expect((await get(emulator(), '/userinfo', bearer(token))).status).toBe(200);
    expectError(await get(emulator(), '/userinfo', bearer(token)), 429, 'too_many_requests');
  });
});
