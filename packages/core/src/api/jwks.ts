import type { JSONWebKeySet } from 'jose';
import { PasswordlessError } from '../errors.ts';
import { resolveOptions } from './options.ts';
import { createTransport, type Transport } from './transport.ts';
import { isWireObject } from './wire.ts';

/** Where the signing keys come from: a URL (fetched, cached, refetched on an unknown `kid`) or a key set. */
export type JwksSource = string | URL | JSONWebKeySet;

/** Signing keys by URL: fetched once, kept 10 minutes, refetched early (at most once per cooldown) on an unknown `kid`. */
export interface JwksCache {
  /** The cached set, or a fresh one; `fresh: true` refetches unless the last fetch is within the cooldown. */
  get(url: URL, options: { fresh?: boolean; signal?: AbortSignal | undefined }): Promise<JSONWebKeySet>;
  /** Whether `get(url, { fresh: true })` would fetch again now. */
  canRefetch(url: URL): boolean;
}

const MAX_AGE_MS = 10 * 60_000;

export function jwksUrl(issuer: string): URL {
  return new URL('.well-known/jwks.json', issuer.endsWith('/') ? issuer : `${issuer}/`);
}

function readKeySet(data: unknown): JSONWebKeySet {
  if (isWireObject(data) && Array.isArray(data.keys) && data.keys.every(isWireObject)) {
    return data as unknown as JSONWebKeySet;
  }
  throw new PasswordlessError('invalid_response', { message: 'The signing keys (JWKS) could not be read.' });
}

/**
 * A key-set cache whose fetches go through `transport`: the client's `fetch`, its timeout, the
 * flow's abort signal and its error model (a 429 keeps `retryAfter`).
 */
export function createJwksCache(
  transport: Transport,
  cooldownMs: number,
  now: () => number = Date.now,
): JwksCache {
  const entries = new Map<string, { keys: JSONWebKeySet; fetchedAt: number }>();
  const canRefetch = (url: URL) => {
    const entry = entries.get(url.href);
    return !entry || now() - entry.fetchedAt >= cooldownMs;
  };
  return {
    canRefetch,
    async get(url, { fresh = false, signal }) {
      const entry = entries.get(url.href);
      const stale = !entry || now() - entry.fetchedAt >= MAX_AGE_MS;
      if (entry && !stale && !(fresh && canRefetch(url))) return entry.keys;
      const { data } = await transport.sendJson({ method: 'GET', path: url.href, signal, idempotent: true });
      const keys = readKeySet(data);
      entries.set(url.href, { keys, fetchedAt: now() });
      return keys;
    },
  };
}

// For `validateIdToken` called on its own: one cache per cooldown, shared by all validations, so
// keys are fetched once and not per login.
const standaloneCaches = new Map<number, JwksCache>();

export function standaloneJwksCache(cooldownMs: number): JwksCache {
  let cache = standaloneCaches.get(cooldownMs);
  if (!cache) {
    const options = resolveOptions({ baseUrl: 'http://jwks.invalid/', clientId: 'jwks', telemetry: false });
    cache = createJwksCache(createTransport(options), cooldownMs);
    standaloneCaches.set(cooldownMs, cache);
  }
  return cache;
}

// Clients on one `fetch` (the global one, as in the usual browser and README setup with one client
// per actor, or the same custom one) and the real clock share one cache, so the keys are fetched once
// per page or process, not once per login.
const sharedCaches = new WeakMap<object, JwksCache>();

export function sharedJwksCache(transport: Transport, fetchFn: object = globalThis): JwksCache {
  let cache = sharedCaches.get(fetchFn);
  if (!cache) sharedCaches.set(fetchFn, (cache = createJwksCache(transport, 30_000)));
  return cache;
}
