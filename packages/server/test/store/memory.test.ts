import { describe, expect, it } from 'vitest';
import { memoryFlowStore } from '../../src/store/memory.ts';
import { flowStoreContract, record } from './contract.ts';

function fakeClock(start = 1_767_225_600_000) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

describe('memoryFlowStore', () => {
  flowStoreContract(() => {
    const clock = fakeClock();
    return {
      store: memoryFlowStore({ now: clock.now }),
      shortMs: 1_000,
      async elapse(ms) {
        clock.advance(ms);
      },
    };
  });

  it('expires a flow exactly at its TTL by the given clock', async () => {
    const clock = fakeClock();
    const store = memoryFlowStore({ now: clock.now });
    await store.compareAndSet('f', 0, record(1), 1_000);
    clock.advance(999);
    expect(await store.get('f')).toEqual(record(1));
    clock.advance(1);
    expect(await store.get('f')).toBeNull();
  });

  it('reports resetAt by the given clock and opens a new window at it', async () => {
    const clock = fakeClock();
    const store = memoryFlowStore({ now: clock.now });
    expect(await store.hit('k', 1, 5_000)).toEqual({
      allowed: true,
      limit: 1,
      remaining: 0,
      resetAt: clock.now() + 5_000,
    });
    clock.advance(4_999);
    expect((await store.hit('k', 1, 5_000)).allowed).toBe(false);
    clock.advance(1);
    expect(await store.hit('k', 1, 5_000)).toMatchObject({ allowed: true, resetAt: clock.now() + 5_000 });
  });

  it('sweeps expired flows on later writes, so memory does not grow with dead flows', async () => {
    const clock = fakeClock();
    const store = memoryFlowStore({ now: clock.now });
    for (let i = 0; i < 1_000; i++) await store.compareAndSet(`old-${i}`, 0, record(1), 1_000);
    expect(store.size.flows).toBe(1_000);
    clock.advance(1_000);
    // Nobody reads the old flows again; the writes of new ones must clear them.
    for (let i = 0; i < 100; i++) await store.compareAndSet(`new-${i}`, 0, record(1), 60_000);
    expect(store.size.flows).toBe(100);
  });

  it('sweeps expired rate-limit windows on later hits', async () => {
    const clock = fakeClock();
    const store = memoryFlowStore({ now: clock.now });
    for (let i = 0; i < 1_000; i++) await store.hit(`old-${i}`, 5, 1_000);
    clock.advance(1_000);
    for (let i = 0; i < 100; i++) await store.hit(`new-${i}`, 5, 60_000);
    expect(store.size.rateLimits).toBe(100);
  });

  it('holds at most maxFlows, evicting the least recently written first', async () => {
    const store = memoryFlowStore({ maxFlows: 3 });
    for (const id of ['a', 'b', 'c']) await store.compareAndSet(id, 0, record(1), 60_000);
    // Writing `a` again makes `b` the least recently written.
    await store.compareAndSet('a', 1, record(2), 60_000);
    await store.compareAndSet('d', 0, record(1), 60_000);
    expect(store.size.flows).toBe(3);
    expect(await store.get('b')).toBeNull();
    expect(await store.get('a')).toEqual(record(2));
    expect(await store.get('c')).toEqual(record(1));
    expect(await store.get('d')).toEqual(record(1));
  });

  it('holds at most maxFlows rate-limit windows, evicting the oldest window first', async () => {
    const store = memoryFlowStore({ maxFlows: 2 });
    await store.hit('a', 1, 60_000);
    await store.hit('b', 1, 60_000);
    // A hit on an open window does not make it younger.
    expect((await store.hit('a', 1, 60_000)).allowed).toBe(false);
    await store.hit('c', 1, 60_000);
    expect(store.size.rateLimits).toBe(2);
    expect((await store.hit('a', 1, 60_000)).allowed).toBe(true);
    expect((await store.hit('c', 1, 60_000)).allowed).toBe(false);
  });

  it('uses the real clock by default', async () => {
    const store = memoryFlowStore();
    const before = Date.now();
    await store.compareAndSet('f', 0, record(1), 60_000);
    expect(await store.get('f')).toEqual(record(1));
    const hit = await store.hit('k', 1, 60_000);
    expect(hit.resetAt).toBeGreaterThanOrEqual(before + 60_000);
    expect(hit.resetAt).toBeLessThanOrEqual(Date.now() + 60_000);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses maxFlows %s with a RangeError', (maxFlows) => {
    expect(() => memoryFlowStore({ maxFlows })).toThrow(RangeError);
  });
});
