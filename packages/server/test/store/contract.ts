import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FlowRecord, FlowStore } from '../../src/store/types.ts';

export interface StoreHarness {
  store: FlowStore;
  /** Lets `ms` pass for the store: a fake clock moves on at once, a real one is slept through. */
  elapse(ms: number): Promise<void>;
  /** TTL and window the expiry tests use: short enough to wait out on a real clock. */
  shortMs: number;
}

const LONG_MS = 60_000;
// Real clocks on a busy machine: wait for expiry with a generous bound instead of exact timing.
const EXPIRY_BOUND_MS = 10_000;
const SLOW_TEST = { timeout: 30_000 };

/** Polls `check` until it holds; a fake clock passes on the first try. */
export async function eventually(check: () => Promise<boolean>, withinMs = EXPIRY_BOUND_MS): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition did not hold within ${withinMs} ms`);
    await sleep(25);
  }
}

export function record(version: number, overrides: Partial<FlowRecord> = {}): FlowRecord {
  return {
    version,
    leaseUntil: null,
    secretHash: `hash-${version}`,
    sealed: `sealed.${version}.jwe`,
    ...overrides,
  };
}

/** What every FlowStore must do, run inside the caller's `describe`. */
export function flowStoreContract(makeHarness: () => StoreHarness | Promise<StoreHarness>): void {
  let h: StoreHarness;
  let id: string;
  beforeEach(async () => {
    h = await makeHarness();
    // Fresh ids keep tests apart on a shared Redis without flushing it.
    id = randomUUID();
  });

  describe('get and compareAndSet', () => {
    it('answers null for a flow never written', async () => {
      expect(await h.store.get(id)).toBeNull();
    });

    it('creates with expectedVersion 0 and reads the record back', async () => {
      expect(await h.store.compareAndSet(id, 0, record(1), LONG_MS)).toBe(true);
      expect(await h.store.get(id)).toEqual(record(1));
      const leased = record(2, { leaseUntil: 1_767_225_600_123 });
      expect(await h.store.compareAndSet(id, 1, leased, LONG_MS)).toBe(true);
      expect(await h.store.get(id)).toEqual(leased);
    });

    it('refuses expectedVersion 0 when the flow exists, and keeps it', async () => {
      await h.store.compareAndSet(id, 0, record(1), LONG_MS);
      expect(await h.store.compareAndSet(id, 0, record(1, { sealed: 'other' }), LONG_MS)).toBe(false);
      expect(await h.store.get(id)).toEqual(record(1));
    });

    it('writes only against the stored version', async () => {
      await h.store.compareAndSet(id, 0, record(1), LONG_MS);
      await h.store.compareAndSet(id, 1, record(2), LONG_MS);
      expect(await h.store.compareAndSet(id, 1, record(2, { sealed: 'stale' }), LONG_MS)).toBe(false);
      expect(await h.store.compareAndSet(id, 3, record(4), LONG_MS)).toBe(false);
      expect(await h.store.get(id)).toEqual(record(2));
      expect(await h.store.compareAndSet(id, 2, record(3), LONG_MS)).toBe(true);
      expect(await h.store.get(id)).toEqual(record(3));
    });

    it('refuses a version other than 0 when there is no flow', async () => {
      expect(await h.store.compareAndSet(id, 1, record(2), LONG_MS)).toBe(false);
      expect(await h.store.get(id)).toBeNull();
    });

    it('keeps flows apart, whatever characters their ids hold', async () => {
      const odd = `${id}:}{x}é`;
      await h.store.compareAndSet(id, 0, record(1), LONG_MS);
      await h.store.compareAndSet(odd, 0, record(1, { sealed: 'odd' }), LONG_MS);
      expect(await h.store.get(id)).toEqual(record(1));
      expect(await h.store.get(odd)).toEqual(record(1, { sealed: 'odd' }));
    });

    it('hands out copies, so changing one does not change the stored flow', async () => {
      const written = record(1);
      await h.store.compareAndSet(id, 0, written, LONG_MS);
      written.sealed = 'changed after write';
      const read = await h.store.get(id);
      if (read === null) throw new Error('flow missing');
      read.version = 99;
      expect(await h.store.get(id)).toEqual(record(1));
    });

    it('rejects with a RangeError on a malformed write', async () => {
      await expect(h.store.compareAndSet(id, 0, record(2), LONG_MS)).rejects.toThrow(RangeError);
      await expect(h.store.compareAndSet(id, -1, record(0), LONG_MS)).rejects.toThrow(RangeError);
      await expect(h.store.compareAndSet(id, 0, record(1), 0)).rejects.toThrow(RangeError);
      await expect(h.store.compareAndSet(id, 0, record(1), Number.NaN)).rejects.toThrow(RangeError);
      await expect(
        h.store.compareAndSet(id, 0, record(1, { leaseUntil: Number.POSITIVE_INFINITY }), LONG_MS),
      ).rejects.toThrow(RangeError);
      expect(await h.store.get(id)).toBeNull();
    });
  });

  describe('delete', () => {
    it('removes the flow, so it can be created again', async () => {
      const other = randomUUID();
      await h.store.compareAndSet(id, 0, record(1), LONG_MS);
      await h.store.compareAndSet(other, 0, record(1), LONG_MS);
      await h.store.delete(id);
      expect(await h.store.get(id)).toBeNull();
      expect(await h.store.get(other)).toEqual(record(1));
      expect(await h.store.compareAndSet(id, 1, record(2), LONG_MS)).toBe(false);
      expect(await h.store.compareAndSet(id, 0, record(1), LONG_MS)).toBe(true);
    });

    it('resolves for a flow that is not there', async () => {
      await expect(h.store.delete(id)).resolves.toBeUndefined();
    });
  });

  describe('expiry', () => {
    it('forgets a flow its TTL after the write; the id is then free', SLOW_TEST, async () => {
      await h.store.compareAndSet(id, 0, record(1), h.shortMs);
      await h.elapse(h.shortMs);
      await eventually(async () => (await h.store.get(id)) === null);
      expect(await h.store.compareAndSet(id, 1, record(2), LONG_MS)).toBe(false);
      expect(await h.store.compareAndSet(id, 0, record(1), LONG_MS)).toBe(true);
    });

    it('counts the TTL from the latest write', SLOW_TEST, async () => {
      await h.store.compareAndSet(id, 0, record(1), h.shortMs);
      await h.store.compareAndSet(id, 1, record(2), LONG_MS);
      await h.elapse(h.shortMs * 3);
      expect(await h.store.get(id)).toEqual(record(2));
    });
  });

  describe('hit', () => {
    it('allows `limit` hits in a window, then refuses the rest', async () => {
      const before = Date.now();
      const hits = [];
      for (let i = 0; i < 5; i++) hits.push(await h.store.hit(id, 3, LONG_MS));
      const after = Date.now();
      expect(hits.map((hit) => [hit.allowed, hit.remaining, hit.limit])).toEqual([
        [true, 2, 3],
        [true, 1, 3],
        [true, 0, 3],
        [false, 0, 3],
        [false, 0, 3],
      ]);
      // One window for all five: resetAt moves at most by the time the hits took to answer (a real
      // clock reads it on the client) plus Redis's 1 ms PTTL rounding.
      for (const hit of hits) {
        expect(Math.abs(hit.resetAt - hits[0]!.resetAt)).toBeLessThanOrEqual(after - before + 2);
      }
    });

    it('starts the window with the first hit', async () => {
      const first = await h.store.hit(id, 3, LONG_MS);
      await h.elapse(h.shortMs * 2);
      const second = await h.store.hit(id, 3, LONG_MS);
      // Had the second hit moved the window, resetAt would have moved by at least 2 × shortMs;
      // less than half that leaves room for a real clock's latency.
      expect(Math.abs(second.resetAt - first.resetAt)).toBeLessThan(h.shortMs);
    });

    it('starts over once the window has passed', SLOW_TEST, async () => {
      await h.store.hit(id, 2, h.shortMs);
      await h.store.hit(id, 2, h.shortMs);
      expect((await h.store.hit(id, 2, h.shortMs)).allowed).toBe(false);
      await h.elapse(h.shortMs);
      let fresh = await h.store.hit(id, 2, h.shortMs);
      await eventually(async () => {
        if (fresh.allowed) return true;
        fresh = await h.store.hit(id, 2, h.shortMs);
        return fresh.allowed;
      });
      expect(fresh.remaining).toBe(1);
    });

    it('keeps keys apart from each other and from flows', async () => {
      await h.store.hit(id, 1, LONG_MS);
      expect((await h.store.hit(id, 1, LONG_MS)).allowed).toBe(false);
      expect((await h.store.hit(`${id}-other`, 1, LONG_MS)).allowed).toBe(true);
      expect(await h.store.compareAndSet(id, 0, record(1), LONG_MS)).toBe(true);
      expect(await h.store.get(id)).toEqual(record(1));
    });

    it('refuses every hit with limit 0', async () => {
      expect(await h.store.hit(id, 0, LONG_MS)).toMatchObject({ allowed: false, remaining: 0, limit: 0 });
    });

    it('rejects with a RangeError on a malformed limit or window', async () => {
      await expect(h.store.hit(id, -1, LONG_MS)).rejects.toThrow(RangeError);
      await expect(h.store.hit(id, 1.5, LONG_MS)).rejects.toThrow(RangeError);
      await expect(h.store.hit(id, 3, 0)).rejects.toThrow(RangeError);
    });
  });

  describe('concurrency', () => {
    it('lets exactly one of 50 writers against the same version win', async () => {
      await h.store.compareAndSet(id, 0, record(1), LONG_MS);
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          h.store.compareAndSet(id, 1, record(2, { sealed: `writer-${i}` }), LONG_MS),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true);
      expect(await h.store.get(id)).toEqual(record(2, { sealed: `writer-${winner}` }));
    });

    it('lets exactly one of 50 creators of the same flow win', async () => {
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          h.store.compareAndSet(id, 0, record(1, { sealed: `creator-${i}` }), LONG_MS),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await h.store.get(id)).toEqual(record(1, { sealed: `creator-${results.indexOf(true)}` }));
    });

    it('allows exactly `limit` of 50 simultaneous hits', async () => {
      const hits = await Promise.all(Array.from({ length: 50 }, () => h.store.hit(id, 10, LONG_MS)));
      expect(hits.filter((hit) => hit.allowed)).toHaveLength(10);
      expect(hits.map((hit) => hit.remaining).sort((a, b) => a - b)).toEqual([
        ...Array<number>(41).fill(0),
        ...Array.from({ length: 9 }, (_, i) => i + 1),
      ]);
    });
  });
}
