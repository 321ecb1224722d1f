import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuth0Client } from '../../src/api/client.ts';
import { validateIdToken } from '../../src/api/id-token.ts';
import type { ValidateIdTokenOptions } from '../../src/api/id-token.ts';
import { reply, startTestServer } from './http-server.ts';
import type { TestServer } from './http-server.ts';
import { rejection } from './rejection.ts';

const CLIENT_ID = 'CLIENT_ID';
const NOW_S = 1_750_000_000;
const now = () => NOW_S * 1000;

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

async function signingKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

let server: TestServer;
let issuer: string;
let keyA: SigningKey;
let keyB: SigningKey;
let impostor: SigningKey;

beforeAll(async () => {
  server = await startTestServer();
  issuer = server.baseUrl;
  [keyA, keyB, impostor] = await Promise.all([signingKey('kid-a'), signingKey('kid-b'), signingKey('kid-a')]);
  server.on('GET', '/.well-known/jwks.json', (request, response) =>
    reply(200, { keys: [keyA.jwk] })(request, response),
  );
});
afterAll(() => server.close());

function sign(claims: Record<string, unknown>, key: SigningKey = keyA): Promise<string> {
  return new SignJWT({
    iss: issuer,
    sub: 'email|123',
    aud: CLIENT_ID,
    iat: NOW_S - 10,
    exp: NOW_S + 3600,
    ...claims,
  })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .sign(key.privateKey);
}

const options = (extra: Partial<ValidateIdTokenOptions> = {}): ValidateIdTokenOptions => ({
  issuer,
  clientId: CLIENT_ID,
  now,
  ...extra,
});

async function invalid(
  token: string | Promise<string>,
  extra: Partial<ValidateIdTokenOptions> = {},
): Promise<string> {
  const error = await rejection(validateIdToken(await token, options(extra)));
  expect(error.code).toBe('id_token_invalid');
  return error.message;
}

describe('validateIdToken', () => {
  it('returns the claims of a valid token signed with a key from the tenant JWKS', async () => {
    const token = await sign({ email: 'a@b.co', email_verified: true, nonce: 'n1', amr: ['mfa'] });
    const claims = await validateIdToken(token, options({ nonce: 'n1' }));
    expect(claims).toMatchObject({ sub: 'email|123', email: 'a@b.co', email_verified: true, amr: ['mfa'] });
    expect(server.requests.some((request) => request.path === '/.well-known/jwks.json')).toBe(true);
  });

  it('rejects an issuer without the trailing slash', async () => {
    const message = await invalid(sign({ iss: issuer.slice(0, -1) }));
    expect(message).toBe(
      `Issuer (iss) claim mismatch in the ID token; expected "${issuer}", found "${issuer.slice(0, -1)}"`,
    );
  });

  it('adds the trailing slash to the expected issuer', async () => {
    await expect(
      validateIdToken(await sign({}), options({ issuer: issuer.slice(0, -1) })),
    ).resolves.toMatchObject({
      sub: 'email|123',
    });
  });

  it('rejects a wrong audience', async () => {
    expect(await invalid(sign({ aud: 'someone-else' }))).toMatch(/^Audience \(aud\) claim mismatch/);
    expect(await invalid(sign({ aud: ['a', 'b'], azp: 'a' }))).toMatch(/^Audience \(aud\) claim mismatch/);
  });

  it('requires azp when there are several audiences', async () => {
    expect(await invalid(sign({ aud: [CLIENT_ID, 'https://api.example'] }))).toBe(
      'Authorized Party (azp) claim must be a string present in the ID token when Audience (aud) claim has multiple values',
    );
    expect(await invalid(sign({ aud: [CLIENT_ID, 'https://api.example'], azp: 'other' }))).toMatch(
      /^Authorized Party \(azp\) claim mismatch/,
    );
    await expect(
      validateIdToken(await sign({ aud: [CLIENT_ID, 'https://api.example'], azp: CLIENT_ID }), options()),
    ).resolves.toMatchObject({ azp: CLIENT_ID });
  });

  it('applies 60 s of leeway to exp', async () => {
    expect(await invalid(sign({ exp: NOW_S - 61 }))).toBe(
      `Expiration Time (exp) claim error in the ID token; current time (${NOW_S}) is after expiration time (${NOW_S - 1})`,
    );
    await expect(validateIdToken(await sign({ exp: NOW_S - 30 }), options())).resolves.toMatchObject({
      exp: NOW_S - 30,
    });
    expect(await invalid(sign({ exp: NOW_S - 30 }), { leewaySeconds: 0 })).toMatch(/^Expiration Time/);
  });

  it('requires sub and iat', async () => {
    expect(await invalid(sign({ sub: undefined }))).toBe(
      'Subject (sub) claim must be a string present in the ID token',
    );
    expect(await invalid(sign({ iat: undefined }))).toBe(
      'Issued At (iat) claim must be a number present in the ID token',
    );
  });

  it('checks the nonce both ways', async () => {
    expect(await invalid(sign({ nonce: 'other' }), { nonce: 'mine' })).toBe(
      'Nonce (nonce) claim mismatch in the ID token; expected "mine", found "other"',
    );
    expect(await invalid(sign({}), { nonce: 'mine' })).toBe(
      'Nonce (nonce) claim must be a string present in the ID token',
    );
    expect(await invalid(sign({ nonce: 'unexpected' }))).toMatch(/^Nonce \(nonce\) claim was not expected/);
  });

  it('with nonceMayBeAbsent, accepts a token without a nonce but still rejects a different one', async () => {
    const lenient = { nonce: 'mine', nonceMayBeAbsent: true };
    await expect(validateIdToken(await sign({}), options(lenient))).resolves.toMatchObject({
      sub: 'email|123',
    });
    await expect(validateIdToken(await sign({ nonce: 'mine' }), options(lenient))).resolves.toMatchObject({
      nonce: 'mine',
    });
    expect(await invalid(sign({ nonce: 'other' }), lenient)).toBe(
      'Nonce (nonce) claim mismatch in the ID token; expected "mine", found "other"',
    );
  });

  it('checks auth_time against max_age', async () => {
    expect(await invalid(sign({}), { maxAge: 300 })).toMatch(
      /^Authentication Time \(auth_time\) claim must be a number/,
    );
    expect(await invalid(sign({ auth_time: NOW_S - 400 }), { maxAge: 300 })).toMatch(
      /too much time has passed/,
    );
    await expect(
      validateIdToken(await sign({ auth_time: NOW_S - 330 }), options({ maxAge: 300 })),
    ).resolves.toBeDefined();
  });

  it('accepts only RS256', async () => {
    const hs256 = await new SignJWT({ iss: issuer, sub: 's', aud: CLIENT_ID, iat: NOW_S, exp: NOW_S + 60 })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('a-client-secret-that-is-long-enough!!'));
    expect(await invalid(hs256)).toBe(
      'Signature algorithm of "HS256" is not supported. Expected the ID token to be signed with "RS256"',
    );
  });

  it('rejects a forged signature and garbage', async () => {
    expect(await invalid(sign({}, impostor))).toBe('Invalid ID token signature');
    expect(await invalid('not.a.jwt')).toBe('ID token could not be decoded');
  });

  it('refetches the JWKS once for an unknown kid (key rotation)', async () => {
    let keys = [keyA.jwk];
    let fetches = 0;
    server.on('GET', '/rotating/jwks.json', (request, response) => {
      fetches += 1;
      reply(200, { keys })(request, response);
    });
    const jwks = `${issuer}rotating/jwks.json`;
    await validateIdToken(await sign({}), options({ jwks, jwksCooldownMs: 0 }));
    expect(fetches).toBe(1);

    keys = [keyA.jwk, keyB.jwk];
    await expect(
      validateIdToken(await sign({}, keyB), options({ jwks, jwksCooldownMs: 0 })),
    ).resolves.toBeDefined();
    expect(fetches).toBe(2);

    const unknown = await signingKey('kid-c');
    expect(await invalid(sign({}, unknown), { jwks, jwksCooldownMs: 0 })).toBe(
      'Could not find a public key for Key ID (kid) "kid-c"',
    );
    expect(fetches).toBe(3);
  });

  it('does not refetch for an unknown kid during the cooldown', async () => {
    let fetches = 0;
    server.on('GET', '/cooldown/jwks.json', (request, response) => {
      fetches += 1;
      reply(200, { keys: [keyA.jwk] })(request, response);
    });
    const jwks = `${issuer}cooldown/jwks.json`;
    await validateIdToken(await sign({}), options({ jwks }));
    expect(await invalid(sign({}, keyB), { jwks })).toMatch(/^Could not find a public key/);
    expect(fetches).toBe(1);
  });

  it('accepts a local key set and reports an unreachable JWKS as network', async () => {
    await expect(
      validateIdToken(await sign({}), options({ jwks: { keys: [keyA.jwk] } })),
    ).resolves.toBeDefined();
    const down = await startTestServer();
    const url = `${down.baseUrl}.well-known/jwks.json`;
    await down.close();
    const error = await rejection(validateIdToken(await sign({}), options({ jwks: url })));
    expect(error.code).toBe('network');
  });

  it('is available on the client with its issuer, client ID and clock', async () => {
    const client = createAuth0Client({ baseUrl: server.baseUrl, clientId: CLIENT_ID, now });
    await expect(client.validateIdToken(await sign({ nonce: 'n' }), { nonce: 'n' })).resolves.toMatchObject({
      nonce: 'n',
    });
    const other = createAuth0Client({ baseUrl: server.baseUrl, clientId: 'OTHER', now });
    const error = await rejection(other.validateIdToken(await sign({})));
    expect(error.code).toBe('id_token_invalid');
  });
});

describe('the client fetches signing keys through its own transport', () => {
  it("uses the client's fetch", async () => {
    const fetched: string[] = [];
    const client = createAuth0Client({
      baseUrl: server.baseUrl,
      clientId: CLIENT_ID,
      now,
      fetch: (input, init) => {
        fetched.push(String(input));
        return globalThis.fetch(input, init);
      },
    });
    await client.validateIdToken(await sign({}));
    expect(fetched).toEqual([`${server.baseUrl}.well-known/jwks.json`]);
  });

  it("keeps a 429's Retry-After", async () => {
    server.on(
      'GET',
      '/limited/jwks.json',
      reply(429, { error: 'too_many_requests' }, { 'retry-after': '7' }),
    );
    const client = createAuth0Client({ baseUrl: server.baseUrl, clientId: CLIENT_ID, now });
    const error = await rejection(
      client.validateIdToken(await sign({}), { jwks: `${issuer}limited/jwks.json` }),
    );
    expect(error).toMatchObject({ code: 'rate_limited', retryAfter: 7 });
  });

  it("gives up after the client's timeout, and stops when the caller aborts", async () => {
    server.on('GET', '/hanging/jwks.json', () => {});
    const jwks = `${issuer}hanging/jwks.json`;
    const client = createAuth0Client({ baseUrl: server.baseUrl, clientId: CLIENT_ID, now, timeoutMs: 100 });
    expect(await rejection(client.validateIdToken(await sign({}), { jwks }))).toMatchObject({
      code: 'timeout',
    });
    const patient = createAuth0Client({
      baseUrl: server.baseUrl,
      clientId: CLIENT_ID,
      now,
      timeoutMs: 60_000,
    });
    const controller = new AbortController();
    const pending = rejection(patient.validateIdToken(await sign({}), { jwks, signal: controller.signal }));
    controller.abort();
    expect(await pending).toMatchObject({ code: 'aborted' });
  });

  it('reports a key set that is not one as invalid_response', async () => {
    server.on('GET', '/broken/jwks.json', reply(200, { keys: 'none' }));
    const client = createAuth0Client({ baseUrl: server.baseUrl, clientId: CLIENT_ID, now });
    const error = await rejection(
      client.validateIdToken(await sign({}), { jwks: `${issuer}broken/jwks.json` }),
    );
    expect(error.code).toBe('invalid_response');
  });
});
