import type { BucketConfig } from './config.ts';
import type { Clock } from './clock.ts';

export interface BucketState {
  limit: number;
  remaining: number;
  /** UNIX seconds at which at least one more request is allowed. */
  resetAt: number;
}

/**
 * Token buckets keyed by a string (an IP, a user id), as Auth0 describes its rate limits:
 * `burst` is the bucket size, `refill` tokens come back every `perSeconds`.
 */
export class BucketSet {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>();
  private readonly config: BucketConfig;
  private readonly clock: Clock;

  constructor(config: BucketConfig, clock: Clock) {
    this.config = config;
    this.clock = clock;
  }

  /** Takes one token when there is one; always reports the state after the attempt. */
  take(key: string): { allowed: boolean } & BucketState {
    const bucket = this.refilled(key);
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    return { allowed, ...this.describe(bucket) };
  }

  /** Whether a token is available, without taking it. */
  peek(key: string): BucketState {
    return this.describe(this.refilled(key));
  }

  clear(): void {
    this.buckets.clear();
  }

  private refilled(key: string): { tokens: number; updatedAt: number } {
    const now = this.clock.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.config.burst, updatedAt: now };
    // Multiply before dividing: `elapsed * (1 / 3600000)` falls short of 1 after exactly an hour.
    const refilled = ((now - bucket.updatedAt) * this.config.refill) / (this.config.perSeconds * 1000);
    bucket.tokens = Math.min(this.config.burst, bucket.tokens + refilled);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    return bucket;
  }

  private describe(bucket: { tokens: number; updatedAt: number }): BucketState {
    const ratePerMs = this.config.refill / (this.config.perSeconds * 1000);
    const missing = Math.max(0, 1 - bucket.tokens);
    const resetAt = Math.ceil((bucket.updatedAt + missing / ratePerMs) / 1000);
    return { limit: this.config.burst, remaining: Math.floor(bucket.tokens), resetAt };
  }
}

export function rateLimitHeaders(state: BucketState): Record<string, string> {
  return {
    'x-ratelimit-limit': String(state.limit),
    'x-ratelimit-remaining': String(state.remaining),
    'x-ratelimit-reset': String(state.resetAt),
  };
}
