import type * as JoseModule from 'jose';
import type { JSONWebKeySet, JWTVerifyGetKey } from 'jose';

type Jose = typeof JoseModule;

/** Where the signing keys come from: a URL (fetched, cached, refetched on an unknown `kid`) or a key set. */
export type JwksSource = string | URL | JSONWebKeySet;

// One remote set per URL, shared by all validations, so keys are fetched once and not per login.
const remoteSets = new Map<string, JWTVerifyGetKey>();

export function jwksUrl(issuer: string): URL {
  return new URL('.well-known/jwks.json', issuer.endsWith('/') ? issuer : `${issuer}/`);
}

export function resolveJwks(
  jose: Jose,
  source: JwksSource | undefined,
  issuer: string,
  cooldownMs: number,
): JWTVerifyGetKey {
  if (source !== undefined && typeof source !== 'string' && !(source instanceof URL)) {
    return jose.createLocalJWKSet(source);
  }
  const url = source === undefined ? jwksUrl(issuer) : new URL(source);
  const cacheKey = `${url.href} ${cooldownMs}`;
  let set = remoteSets.get(cacheKey);
  if (!set) {
    set = jose.createRemoteJWKSet(url, { cooldownDuration: cooldownMs });
    remoteSets.set(cacheKey, set);
  }
  return set;
}
