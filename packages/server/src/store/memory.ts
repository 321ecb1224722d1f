import type { FlowRecord, FlowStore, RateLimitHit } from './types.ts';
import { checkHit, checkWrite } from './checks.ts';

export interface MemoryFlowStoreOptions {
  /** Clock in milliseconds since the epoch; tests move it by hand. Default `Date.now`. */
  now?: () => number;
  /**
   * Most flows held at once (and, separately, most rate-limit windows). When a write goes past it,
   * the least recently written entries go first. Default 100 000.
   */
  maxFlows?: number;
}

/** A memory store also tells how many entries it holds, expired ones not yet swept included. */
export interface MemoryFlowStore extends FlowStore {
  readonly size: { readonly flows: number; readonly rateLimits: number };
}

// Every write looks at this many entries for expired ones, so the sweep costs the same on each
// request however many flows there are, and still reaches every entry in turn.
const SWEEP_PER_WRITE = 32;

interface Entry<T> {
  value: T;
  expiresAt: number;
}

/**
 * A Map whose entries expire. Insertion order is write order, so the front holds the least
 * recently written entries; with one TTL for all flows those are also the first to expire.
 */
class ExpiringMap<T> {
  readonly #entries = new Map<string, Entry<T>>();
  #cursor: Iterator<[string, Entry<T>]> | null = null;

  constructor(
    readonly now: () => number,
    readonly max: number,
  ) {}

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): T | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Writes `value` at the back of the order, then keeps the map within bounds. */
  set(key: string, value: T, expiresAt: number): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt });
    this.#sweep();
    // Over the cap: the front is the least recently written, expired or not (the sweep took
    // the expired ones it found).
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.max) break;
      this.#entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  #sweep(): void {
    const now = this.now();
    for (let i = 0; i < SWEEP_PER_WRITE; i++) {
      // A Map iterator stays valid while entries are added and deleted, so the cursor walks on
      // from where the last write left it; a finished iterator never resumes, hence the restart.
      this.#cursor ??= this.#entries.entries();
      const next = this.#cursor.next();
      if (next.done === true) {
        this.#cursor = null;
        return;
      }
      const [key, entry] = next.value;
      if (entry.expiresAt <= now) this.#entries.delete(key);
    }
  }
}

interface Window {
  count: number;
  resetAt: number;
}

/**
 * Flows in this process's memory: nothing to set up, nothing shared. Fits one server process;
 * behind a load balancer with several, use `redisFlowStore`. Every method runs to completion
 * without awaiting, so concurrent requests cannot interleave inside one.
 */
export function memoryFlowStore(options: MemoryFlowStoreOptions = {}): MemoryFlowStore {
  const now = options.now ?? Date.now;
  const max = options.maxFlows ?? 100_000;
  if (!Number.isSafeInteger(max) || max < 1) {
    throw new RangeError(`memoryFlowStore: maxFlows must be a positive integer, got ${String(max)}`);
  }
  const flows = new ExpiringMap<FlowRecord>(now, max);
  const windows = new ExpiringMap<Window>(now, max);

  return {
    get size() {
      return { flows: flows.size, rateLimits: windows.size };
    },

    async get(id) {
      const record = flows.get(id);
      // A copy, so a caller changing what it got cannot change the stored flow.
      return record === undefined ? null : { ...record };
    },

    async compareAndSet(id, expectedVersion, record, ttlMs) {
      checkWrite(expectedVersion, record, ttlMs);
      const current = flows.get(id);
      if ((current?.version ?? 0) !== expectedVersion) return false;
      flows.set(id, { ...record }, now() + ttlMs);
      return true;
    },

    async delete(id) {
      flows.delete(id);
    },

    async hit(key, limit, windowMs) {
      checkHit(limit, windowMs);
      let window = windows.get(key);
      if (window === undefined) {
        window = { count: 0, resetAt: now() + windowMs };
        windows.set(key, window, window.resetAt);
      }
      // Counted in place: a hit must not move the window to the back, or a busy key would
      // outlive quiet ones when the cap evicts.
      window.count += 1;
      return toHit(window, limit);
    },
  };
}

function toHit(window: Window, limit: number): RateLimitHit {
  return {
    allowed: window.count <= limit,
    limit,
    remaining: Math.max(0, limit - window.count),
    resetAt: window.resetAt,
  };
}
