/**
 * One flow as a store keeps it. The store never sees what is inside `sealed` (the chart's snapshot,
 * encrypted with the server's secret) and never the flow cookie's secret, only its hash.
 */
export interface FlowRecord {
  /** Grows by one on every write; `compareAndSet` succeeds only against the version it expects. */
  version: number;
  /** Milliseconds since the epoch until which one request holds the flow; `null` when nobody does. */
  leaseUntil: number | null;
  /** SHA-256 (base64url) of the secret half of the flow cookie; compared in constant time. */
  secretHash: string;
  /** The sealed snapshot (compact JWE). */
  sealed: string;
}

/** One counted request in a rate-limit window. */
export interface RateLimitHit {
  /** This hit is within the limit. */
  allowed: boolean;
  limit: number;
  /** Hits left in the window after this one (0 when limited). */
  remaining: number;
  /** Milliseconds since the epoch when the window starts over. */
  resetAt: number;
}

/**
 * Where flows live between requests. Every method is atomic on its own: `compareAndSet` is the only
 * way to write, so two instances (or two requests in one) can never both move one flow forward.
 */
export interface FlowStore {
  get(id: string): Promise<FlowRecord | null>;
  /**
   * Writes `record` only if the stored version equals `expectedVersion` (`0`: only if there is no
   * record). The record expires `ttlMs` after this write. Resolves `true` when written.
   */
  compareAndSet(id: string, expectedVersion: number, record: FlowRecord, ttlMs: number): Promise<boolean>;
  delete(id: string): Promise<void>;
  /**
   * Counts one hit on `key` in a fixed window of `windowMs` that starts with the first hit; the
   * hit that would exceed `limit` and every later one in the window are refused.
   */
  hit(key: string, limit: number, windowMs: number): Promise<RateLimitHit>;
}
