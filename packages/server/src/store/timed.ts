import type { FlowStore } from './types.ts';

/** A store call that did not answer in time: the request is answered `503`, nothing waits forever. */
export class StoreTimeoutError extends Error {
  override readonly name = 'StoreTimeoutError';
}

function withinTime<T>(call: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new StoreTimeoutError(`The flow store did not answer ${what} within ${timeoutMs} ms.`)),
      timeoutMs,
    );
  });
  return Promise.race([call, late]).finally(() => clearTimeout(timer));
}

/**
 * The store with a deadline on every call, so that a store that stops answering (a network
 * partition, a black-holed Redis) turns requests into `503`s instead of holding their sockets open.
 */
export function storeWithTimeouts(store: FlowStore, timeoutMs: number): FlowStore {
  return {
    get: (id) => withinTime(store.get(id), timeoutMs, 'a read'),
    compareAndSet: (id, expectedVersion, record, ttlMs) =>
      withinTime(store.compareAndSet(id, expectedVersion, record, ttlMs), timeoutMs, 'a write'),
    delete: (id) => withinTime(store.delete(id), timeoutMs, 'a delete'),
    hit: (key, limit, windowMs) => withinTime(store.hit(key, limit, windowMs), timeoutMs, 'a count'),
  };
}
