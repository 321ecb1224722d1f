import { createHash, createPublicKey, X509Certificate } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  bearer,
  CALLBACK,
  get,
  loginWithEmail,
  startEmail,
  str,
  useEmulator,
  verifyIdToken,
  WEB,
  WEB_SECRET,
  latestMessage,
} from './helpers.ts';
import { offlineLogin, refresh } from './refresh-helpers.ts';

describe('the JWKS as Auth0 publishes it', () => {
  const emulator = useEmulator();

  it('serves one RS256 key with its self-signed certificate (x5c) and thumbprint (x5t)', async () => {
    const reply = await get(emulator(), '/.well-known/jwks.json');
    expect(reply.body).toEqual({
      keys: [
        {
          kty: 'RSA',
          n: expect.any(String),
          e: 'AQAB',
          kid: expect.any(String),
          alg: 'RS256',
          use: 'sig',
          x5c: [expect.any(String)],
          x5t: expect.any(String),
        },
      ],
    });
    const [key] = (reply.body.keys as Array<{ n: string; e: string; x5c: string[]; x5t: string }>) ?? [];
    const der = Buffer.from(key!.x5c[0]!, 'base64');
    const certificate = new X509Certificate(der);
    const fromJwk = createPublicKey({ key: { kty: 'RSA', n: key!.n, e: key!.e }, format: 'jwk' });
    expect(certificate.publicKey.equals(fromJwk)).toBe(true);
    expect(certificate.verify(fromJwk)).toBe(true);
    expect(key!.x5t).toBe(createHash('sha1').update(der).digest('base64url'));
  });
});

describe('access tokens without an audience', () => {
  const emulator = useEmulator();

  it('are opaque (a JWE no client can decode) and still work at /userinfo', async () => {
    const reply = await loginWithEmail(emulator(), 'alice@example.com');
    const accessToken = str(reply, 'access_token');
    expect(accessToken.split('.')).toHaveLength(5);
    expect(decodeProtectedHeader(accessToken)).toEqual({
      alg: 'dir',
      enc: 'A256GCM',
      iss: emulator().issuer,
    });
    expect(() => decodeJwt(accessToken)).toThrow();
    const userinfo = await get(emulator(), '/userinfo', bearer(accessToken));
    expect(userinfo.status, userinfo.text).toBe(200);
    expect(userinfo.body).toMatchObject({
      sub: 'email|889e87fc03d0477823a739f2',
      email: 'alice@example.com',
    });
  });

  it('stop working at /userinfo when they expire, or when openid was not granted', async () => {
    const expiring = str(await loginWithEmail(emulator(), 'alice@example.com'), 'access_token');
    const withoutOpenid = str(
      await loginWithEmail(emulator(), 'alice@example.com', { scope: 'profile email' }),
      'access_token',
    );
    expect((await get(emulator(), '/userinfo', bearer(withoutOpenid))).status).toBe(401);
    emulator().advanceClock(86400);
    expect((await get(emulator(), '/userinfo', bearer(expiring))).status).toBe(401);
  });

  it('come as JWTs once an audience is asked for', async () => {
    const reply = await loginWithEmail(emulator(), 'alice@example.com', {
      audience: 'https://api.example.test',
    });
    expect(decodeJwt(str(reply, 'access_token')).aud).toEqual([
      'https://api.example.test',
      `${emulator().issuer}userinfo`,
    ]);
  });
});

describe('sid and at_hash in ID tokens', () => {
  const emulator = useEmulator();

  it('names the login session with sid, kept by refreshes of that login', async () => {
    const first = await offlineLogin(emulator());
    const second = await offlineLogin(emulator());
    const sid = (await verifyIdToken(emulator(), str(first, 'id_token'))).sid;
    expect(sid).toEqual(expect.any(String));
    expect((await verifyIdToken(emulator(), str(second, 'id_token'))).sid).not.toBe(sid);
    const refreshed = await refresh(emulator(), str(first, 'refresh_token'));
    expect((await verifyIdToken(emulator(), str(refreshed, 'id_token'))).sid).toBe(sid);
  });

  it('adds at_hash when a magic link returns the access token beside the ID token', async () => {
    const authParams = {
      response_type: 'token id_token',
      redirect_uri: CALLBACK,
      nonce: 'n-1',
      scope: 'openid email',
    };
    await startEmail(emulator(), 'alice@example.com', { send: 'link', authParams });
    const link = (await latestMessage(emulator(), 'alice@example.com')).link ?? '';
    const followed = await fetch(link, { redirect: 'manual' });
    const fragment = new URLSearchParams(new URL(followed.headers.get('location') ?? '').hash.slice(1));
    const accessToken = fragment.get('access_token') ?? '';
    const claims = await verifyIdToken(emulator(), fragment.get('id_token') ?? '');
    const digest = createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');
    expect(claims.at_hash).toBe(digest);
    expect(claims.nonce).toBe('n-1');
  });

  it('leaves at_hash out of ID tokens from the token endpoint', async () => {
    const reply = await loginWithEmail(emulator(), 'alice@example.com', {
      clientId: WEB,
      extra: { client_secret: WEB_SECRET },
    });
    expect((await verifyIdToken(emulator(), str(reply, 'id_token'), WEB)).at_hash).toBeUndefined();
  });
});
