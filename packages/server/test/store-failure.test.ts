import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryFlowStore } from '../src/index.ts';
import type { FlowRecord, FlowStore } from '../src/store/types.ts';
import { TestBrowser } from './browser.ts';
import { startStack, type Stack } from './stack.ts';

/**
 * A store that fails when told to, on the write that commits a flow's new waiting state (a
 * compare-and-set that ends a lease and changes the sealed snapshot), as a store may fail under a
 * server: a timeout, a failover. Mocked here because the fault must hit one call exactly; the real
 * Redis faults are in tests/reliability.
 */
function storeFailingOnCommit(): FlowStore & { failNextCommit(): void } {
  const inner = memoryFlowStore();
  const current = new Map<string, FlowRecord>();
  let failNext = false;
  return {
    get: (id) => inner.get(id),
    delete: (id) => inner.delete(id),
    hit: (key, limit, windowMs) => inner.hit(key, limit, windowMs),
    async compareAndSet(id, expectedVersion, record, ttlMs) {
      const before = current.get(id);
      const commits = before !== undefined && before.leaseUntil !== null && record.sealed !== before.sealed;
      if (failNext && commits) {
        failNext = false;
        throw new Error('store unavailable');
      }
      const written = await inner.compareAndSet(id, expectedVersion, record, ttlMs);
      if (written) current.set(id, record);
      return written;
    },
    failNextCommit: () => void (failNext = true),
  };
}

const store = storeFailingOnCommit();
let stack: Stack;
beforeAll(async () => void (stack = await startStack({ store })));
afterAll(() => stack.close());

describe('a store that fails after the chart ran', () => {
  it('frees the flow at its last waiting state, so the next request goes on at once (no 2-minute lease)', async () => {
    const browser = new TestBrowser(stack.origin);
    await browser.flow();
    const sent = await browser.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'store@example.com' });
    expect(sent.body.view).toMatchObject({ step: 'code' });

    store.failNextCommit();
    const failed = await browser.send({ type: 'SUBMIT_CODE', otp: '000000' });
    expect(failed.status).toBe(500);

    const after = await browser.flow();
    expect(after.status).toBe(200);
    expect(after.body).not.toHaveProperty('busy');
    expect(after.body.view).toMatchObject({ step: 'code', error: null });

    const code = stack.emulator.latestCode('store@example.com') ?? '';
    const signedIn = await browser.send({ type: 'SUBMIT_CODE', otp: code });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.view).toMatchObject({ step: 'authenticated' });
  });
});

describe('a store that stops answering', () => {
  it('turns a request into a 503 with Retry-After after storeTimeoutMs, and the next one works once it answers', async () => {
    let hang = false;
    const inner = memoryFlowStore();
    const stalling: FlowStore = {
      get: (id) => (hang ? new Promise(() => {}) : inner.get(id)),
      compareAndSet: (id, version, record, ttlMs) => inner.compareAndSet(id, version, record, ttlMs),
      delete: (id) => inner.delete(id),
      hit: (key, limit, windowMs) => inner.hit(key, limit, windowMs),
    };
    const own = await startStack({ emulator: stack.emulator, store: stalling, storeTimeoutMs: 200 });
    try {
      const browser = new TestBrowser(own.origin);
      await browser.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'stall@example.com' });
      hang = true;
      const stalled = await browser.flow();
      expect(stalled.status).toBe(503);
      expect(stalled.headers.get('retry-after')).toBe('2');
      expect(stalled.body).toMatchObject({ error: 'temporarily_unavailable' });
      hang = false;
      const answered = await browser.flow();
      expect(answered.status).toBe(200);
      expect(answered.body.view).toMatchObject({ step: 'code' });
    } finally {
      await own.close();
    }
  });
});
