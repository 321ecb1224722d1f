import { fromSpec } from '../errors.ts';
import type { EmulatorState } from '../state.ts';

/** A 429 in the configured shape, with the bucket's `x-ratelimit-*` headers (and `Retry-After` when enabled). */
export function rateLimited(state: EmulatorState, resetAt: number, headers: Record<string, string>) {
  const retryAfter = Math.max(1, resetAt - Math.floor(state.now() / 1000));
  return fromSpec(state.config.unconfirmed.rateLimited, {
    ...headers,
    ...(state.config.unconfirmed.sendRetryAfter ? { 'retry-after': String(retryAfter) } : {}),
  });
}
