// Loaded only with the client's calls (client-calls.ts, a dynamic import), so jose, named here
// function by function, is never in the bundle a page loads up front.
import { compactVerify, createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import { PasswordlessError } from '../errors.ts';
import { checkClaims } from './id-token-claims.ts';
import type { IdTokenClaims } from './id-token-claims.ts';
import { jwksUrl, standaloneJwksCache } from './jwks.ts';
import type { JwksCache, JwksSource } from './jwks.ts';
import { compact } from '../compact.ts';

export type { IdTokenClaims } from './id-token-claims.ts';
export type { JwksCache, JwksSource } from './jwks.ts';
export { createJwksCache, sharedJwksCache } from './jwks.ts';

export interface ValidateIdTokenOptions {
  /** `https://{domain}/`; a missing trailing slash is added (Auth0 always issues with one). */
  issuer: string;
  clientId: string;
  /** The nonce sent with the request; when omitted, a token that carries a nonce is rejected. */
  nonce?: string;
  /**
   * Accept a token without any nonce, while one that carries a nonce must still equal `nonce`.
   * For tokens from the MFA grants after a magic link: whether Auth0 carries the link's nonce
   * into the token minted after the second factor is not documented, so both are accepted.
   */
  nonceMayBeAbsent?: boolean;
  /** Seconds, as sent in `max_age`; requires `auth_time`. */
  maxAge?: number;
  /** Clock tolerance for `exp` and `auth_time`; Auth0's SDKs all use 60. */
  leewaySeconds?: number;
  /** Milliseconds since the epoch. */
  now?: () => number;
  /** Default `${issuer}.well-known/jwks.json`. */
  jwks?: JwksSource;
  /**
   * Minimum time between two JWKS fetches triggered by unknown `kid`s (default 30 000 ms), so that
   * tokens with random `kid`s cannot make us hammer the tenant.
   */
  jwksCooldownMs?: number;
  /** Aborts the key-set fetch (the flow passes its own signal). */
  signal?: AbortSignal;
  /**
   * Where fetched key sets are kept. `Auth0Client.validateIdToken` passes its own, which fetches
   * through the client's transport (its `fetch`, timeout and error model); standalone calls share
   * one that uses the global `fetch` with a 10 s timeout.
   */
  jwksCache?: JwksCache;
}

const invalid = (message: string, cause?: unknown): PasswordlessError =>
  new PasswordlessError('id_token_invalid', cause === undefined ? { message } : { message, cause });

function joseCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function keyFailure(error: unknown, kid: string | undefined): PasswordlessError {
  switch (joseCode(error)) {
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return invalid(`Could not find a public key for Key ID (kid) "${kid ?? ''}"`, error);
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return invalid('Invalid ID token signature', error);
    case 'ERR_JWKS_INVALID':
    case 'ERR_JOSE_GENERIC':
      return new PasswordlessError('invalid_response', {
        message: 'The signing keys (JWKS) could not be read.',
        cause: error,
      });
    default:
      return invalid('ID token could not be decoded', error);
  }
}

// One jose key set per fetched set: it keeps each key imported, so the RSA import (the costly part
// of a check) happens once per key, not once per login.
const localKeySets = new WeakMap<JSONWebKeySet, ReturnType<typeof createLocalJWKSet>>();

function localKeySet(keys: JSONWebKeySet): ReturnType<typeof createLocalJWKSet> {
  let keySet = localKeySets.get(keys);
  if (!keySet) localKeySets.set(keys, (keySet = createLocalJWKSet(keys)));
  return keySet;
}

/** Checks the signature with the key named by `kid`, refetching the key set once if it is unknown. */
async function verifySignature(
  idToken: string,
  kid: string | undefined,
  issuer: string,
  options: ValidateIdTokenOptions,
): Promise<Uint8Array> {
  const verify = async (keys: JSONWebKeySet) => {
    try {
      return (await compactVerify(idToken, localKeySet(keys), { algorithms: ['RS256'] })).payload;
    } catch (error) {
      throw keyFailure(error, kid);
    }
  };
  const source = options.jwks;
  if (source !== undefined && typeof source !== 'string' && !(source instanceof URL)) return verify(source);
  const url = source === undefined ? jwksUrl(issuer) : new URL(source);
  const cache = options.jwksCache ?? standaloneJwksCache(options.jwksCooldownMs ?? 30_000);
  try {
    return await verify(await cache.get(url, { signal: options.signal }));
  } catch (error) {
    // A key the cached set lacks may be a rotated-in one: fetch again, unless that was just done.
    const unknownKey = (error as { cause?: { code?: unknown } }).cause?.code === 'ERR_JWKS_NO_MATCHING_KEY';
    if (!unknownKey || !cache.canRefetch(url)) throw error;
    return verify(await cache.get(url, { fresh: true, signal: options.signal }));
  }
}

/**
 * Validates an Auth0 ID token the way Auth0's SDKs do: RS256 only, signature by `kid` from the
 * tenant JWKS, then iss / sub / aud / exp / iat / nonce / azp / auth_time. Rejects with
 * `id_token_invalid` and the SDKs' messages.
 */
export async function validateIdToken(
  idToken: string,
  options: ValidateIdTokenOptions,
): Promise<IdTokenClaims> {
  const issuer = options.issuer.endsWith('/') ? options.issuer : `${options.issuer}/`;

  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(idToken);
  } catch (error) {
    throw invalid('ID token could not be decoded', error);
  }
  if (header.alg !== 'RS256') {
    throw invalid(
      `Signature algorithm of "${String(header.alg)}" is not supported. Expected the ID token to be signed with "RS256"`,
    );
  }

  const payload = await verifySignature(idToken, header.kid, issuer, options);

  let claims: unknown;
  try {
    claims = JSON.parse(new TextDecoder().decode(payload));
  } catch (error) {
    throw invalid('ID token could not be decoded', error);
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
    throw invalid('ID token could not be decoded');
  }

  const expectations = {
    issuer,
    clientId: options.clientId,
    leewaySeconds: options.leewaySeconds ?? 60,
    now: Math.floor((options.now ?? Date.now)() / 1000),
    ...compact({
      nonce: options.nonce,
      nonceMayBeAbsent: options.nonceMayBeAbsent || undefined,
      maxAge: options.maxAge,
    }),
  };
  return checkClaims(claims as Record<string, unknown>, expectations);
}
