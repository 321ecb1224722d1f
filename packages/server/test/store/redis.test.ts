import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Cluster, Redis } from 'ioredis';
import { createClient, RESP_TYPES, type RedisClusterType } from 'redis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fromIoredis, redisFlowStore, type IoredisLike, type RedisLike } from '../../src/store/redis.ts';
import type { FlowStore } from '../../src/store/types.ts';
import { flowStoreContract, record } from './contract.ts';
import { startRedisServer, type RedisServer } from './redis-server.ts';

// Compile-time: the clients and clusters people pass fit without a cast.
type Fits<T extends RedisLike> = T;
type FitsIoredis<T extends IoredisLike> = T;
export type _Clients = [
  Fits<ReturnType<typeof createClient>>,
  Fits<RedisClusterType>,
  FitsIoredis<Redis>,
  FitsIoredis<Cluster>,
];

let server: RedisServer | undefined;
// Plain node-redis connection that sets up and inspects keys behind the store's back.
let raw: ReturnType<typeof createClient>;

beforeAll(async () => {
  server = await startRedisServer();
  raw = createClient({ url: server.url });
  await raw.connect();
}, 60_000);

afterAll(async () => {
  await raw?.close();
  await server?.stop();
});

interface Connection {
  client: RedisLike;
  close(): Promise<void>;
}

const clients: { name: string; connect(url: string): Promise<Connection> }[] = [
  {
    name: 'node-redis',
    async connect(url) {
      const client = createClient({ url });
      await client.connect();
      return { client, close: () => client.close() };
    },
  },
  {
    // Replies as Maps of Buffers: the store must not assume plain objects of strings.
    name: 'node-redis mapping replies to Map and Buffer',
    async connect(url) {
      const client = createClient({ url }).withTypeMapping({
        [RESP_TYPES.MAP]: Map,
        [RESP_TYPES.BLOB_STRING]: Buffer,
      });
      await client.connect();
      return { client, close: () => client.close() };
    },
  },
  {
    name: 'ioredis through fromIoredis',
    async connect(url) {
      const client = new Redis(url, { lazyConnect: true });
      await client.connect();
      return {
        client: fromIoredis(client),
        close: async () => {
          await client.quit();
        },
      };
    },
  },
];

describe.each(clients)('redisFlowStore with $name', ({ connect }) => {
  let connection: Connection;
  beforeAll(async () => {
    if (server === undefined) throw new Error('redis-server did not start');
    connection = await connect(server.url);
  }, 30_000);
  afterAll(async () => {
    await connection?.close();
  });

  flowStoreContract(() => ({
    store: redisFlowStore({ client: connection.client }),
    shortMs: 300,
    elapse: (ms) => sleep(ms),
  }));

  describe('in Redis', () => {
    let store: FlowStore;
    let id: string;
    beforeEach(() => {
      store = redisFlowStore({ client: connection.client });
      id = randomUUID();
    });

    it('keeps a flow as one hash under a hash-tagged key that expires', async () => {
      await store.compareAndSet(id, 0, record(1, { leaseUntil: 1_767_225_600_123 }), 60_000);
      expect({ ...(await raw.hGetAll(`pwl:{${id}}`)) }).toEqual({
        version: '1',
        leaseUntil: '1767225600123',
        secretHash: 'hash-1',
        sealed: 'sealed.1.jwe',
      });
      const ttl = await raw.pTTL(`pwl:{${id}}`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);
      await store.compareAndSet(id, 1, record(2), 60_000);
      expect(await raw.hGet(`pwl:{${id}}`, 'leaseUntil')).toBe('');
    });

    it('counts hits under a hash-tagged key that expires with the window', async () => {
      const before = Date.now();
      const hit = await store.hit(id, 5, 60_000);
      expect(await raw.get(`pwl:rl:{${id}}`)).toBe('1');
      const ttl = await raw.pTTL(`pwl:rl:{${id}}`);
      expect(ttl).toBeGreaterThan(0);
      // Never earlier than Redis's own expiry, never later than a full window from now.
      expect(hit.resetAt).toBeGreaterThanOrEqual(before + ttl);
      expect(hit.resetAt).toBeLessThanOrEqual(Date.now() + 60_000);
    });

    it('writes under its own prefix', async () => {
      const other = redisFlowStore({ client: connection.client, prefix: 'other' });
      await other.compareAndSet(id, 0, record(1), 60_000);
      expect(await raw.exists(`other:{${id}}`)).toBe(1);
      expect(await store.get(id)).toBeNull();
      await other.delete(id);
      expect(await raw.exists(`other:{${id}}`)).toBe(0);
    });

    it('refuses a prefix with braces, which would put every flow in one cluster slot', () => {
      expect(() => redisFlowStore({ client: connection.client, prefix: 'a{b}' })).toThrow(RangeError);
    });

    it.each([
      ['a version that is not a number', { version: 'x', leaseUntil: '', secretHash: 'h', sealed: 's' }],
      ['a version of 0', { version: '0', leaseUntil: '', secretHash: 'h', sealed: 's' }],
      ['a lease that is not a number', { version: '1', leaseUntil: 'soon', secretHash: 'h', sealed: 's' }],
      ['a missing field', { version: '1', leaseUntil: '', secretHash: 'h' }],
      ['someone else’s hash', { name: 'not a flow' }],
    ])('treats a hash with %s as no flow', async (_, fields) => {
      await raw.hSet(`pwl:{${id}}`, fields);
      expect(await store.get(id)).toBeNull();
    });

    it('treats a key of another type as no flow, and does not overwrite it', async () => {
      await raw.set(`pwl:{${id}}`, 'a string');
      expect(await store.get(id)).toBeNull();
      expect(await store.compareAndSet(id, 0, record(1), 60_000)).toBe(false);
      expect(await store.compareAndSet(id, 1, record(2), 60_000)).toBe(false);
      expect(await raw.get(`pwl:{${id}}`)).toBe('a string');
    });

    it.each([
      ['a string that is not a count', () => raw.set(`pwl:rl:{${id}}`, 'abc')],
      ['a hash', () => raw.hSet(`pwl:rl:{${id}}`, { a: '1' })],
      ['a count without expiry', () => raw.set(`pwl:rl:{${id}}`, '7')],
    ])('turns %s under a rate-limit key into a window that expires', async (_, setUp) => {
      await setUp();
      const hit = await store.hit(id, 10, 60_000);
      expect(hit.allowed).toBe(true);
      expect(await raw.pTTL(`pwl:rl:{${id}}`)).toBeGreaterThan(0);
    });

    it('loads its scripts again after the script cache is flushed', async () => {
      await store.compareAndSet(id, 0, record(1), 60_000);
      await store.hit(id, 5, 60_000);
      await raw.scriptFlush();
      expect(await store.compareAndSet(id, 1, record(2), 60_000)).toBe(true);
      expect((await store.hit(id, 5, 60_000)).remaining).toBe(3);
    });
  });
});
