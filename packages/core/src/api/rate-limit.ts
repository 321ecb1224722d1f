import type { RateLimitInfo } from '../errors.ts';

function readInt(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

export function readRateLimit(headers: Headers): RateLimitInfo | undefined {
  const info: RateLimitInfo = {};
  const limit = readInt(headers, 'x-ratelimit-limit');
  const remaining = readInt(headers, 'x-ratelimit-remaining');
  const reset = readInt(headers, 'x-ratelimit-reset');
  if (limit !== undefined) info.limit = limit;
  if (remaining !== undefined) info.remaining = remaining;
  if (reset !== undefined) info.reset = reset;
  return Object.keys(info).length > 0 ? info : undefined;
}

/**
 * Seconds to wait: `Retry-After` (seconds or HTTP date) when present, else `x-ratelimit-reset`
 * (UNIX seconds, the header Auth0 documents) minus now.
 */
export function readRetryAfter(headers: Headers, nowMs: number): number | undefined {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, Math.ceil((date - nowMs) / 1000));
  }
  const reset = readInt(headers, 'x-ratelimit-reset');
  if (reset === undefined) return undefined;
  return Math.max(0, Math.ceil(reset - nowMs / 1000));
}
