import { rateLimitHeaders, type BucketState } from '../bucket.ts';
import type { ClientConfig } from '../config.ts';
import { fromSpec } from '../errors.ts';
import type { EmulatorState } from '../state.ts';

/** `x-ratelimit-*` for a bucket, plus `Retry-After` (seconds) on a refusal when the config sends it. */
export function limitHeaders(
  state: EmulatorState,
  bucket: BucketState,
  refused: boolean,
): Record<string, string> {
  const retryAfter = Math.max(1, bucket.resetAt - Math.floor(state.now() / 1000));
  return {
    ...rateLimitHeaders(bucket),
    ...(refused && state.config.unconfirmed.sendRetryAfter ? { 'retry-after': String(retryAfter) } : {}),
  };
}

/** A 429 in the configured shape, with the bucket's `x-ratelimit-*` headers (and `Retry-After` when enabled). */
export function rateLimited(state: EmulatorState, bucket: BucketState) {
  return fromSpec(state.config.unconfirmed.rateLimited, limitHeaders(state, bucket, true));
}

/**
 * The address a limit counts against. `auth0-forwarded-for` only as Auth0 trusts it: a confidential
 * client that sent its secret and has "Trust Token Endpoint IP Header" on; otherwise the TCP peer.
 */
export function rateLimitKey(
  request: Request,
  peer: string,
  client: ClientConfig,
  sentSecret: boolean,
): string {
  const forwardedFor = request.headers.get('auth0-forwarded-for')?.trim();
  return forwardedFor && sentSecret && client.trustTokenEndpointIpHeader ? forwardedFor : peer;
}
