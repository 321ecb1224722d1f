import { createHash } from 'node:crypto';
import { checkHit, checkWrite } from './checks.ts';
import type { FlowRecord, FlowStore, RateLimitHit } from './types.ts';

export interface RedisEvalOptions {
  keys: string[];
  arguments: string[];
}

/**
 * The four commands the store sends, as a node-redis (v5/v6) client or cluster spells them. Replies
 * are `unknown` because the store checks them itself: RESP2, RESP3 and type mappings differ.
 */
export interface RedisLike {
  eval(script: string, options: RedisEvalOptions): Promise<unknown>;
  evalSha(sha1: string, options: RedisEvalOptions): Promise<unknown>;
  hGetAll(key: string): Promise<unknown>;
  del(key: string): Promise<unknown>;
}

/** The same commands as an ioredis client or cluster spells them; see `fromIoredis`. */
export interface IoredisLike {
  eval(script: string, numkeys: number, ...keysAndArgs: string[]): Promise<unknown>;
  evalsha(sha1: string, numkeys: number, ...keysAndArgs: string[]): Promise<unknown>;
  hgetall(key: string): Promise<unknown>;
  del(key: string): Promise<unknown>;
}

export interface RedisFlowStoreOptions {
  client: RedisLike;
  /** Start of every key the store writes. Default `pwl`. */
  prefix?: string;
}

/** Redis answered a store script with something the script never returns. */
export class RedisFlowStoreError extends Error {
  override readonly name = 'RedisFlowStoreError';
  readonly reply: unknown;

  constructor(message: string, reply: unknown) {
    super(message);
    this.reply = reply;
  }
}

/** Lets an ioredis client stand in for a node-redis one, without the package depending on ioredis. */
export function fromIoredis(client: IoredisLike): RedisLike {
  return {
    eval: (script, { keys, arguments: args }) => client.eval(script, keys.length, ...keys, ...args),
    evalSha: (sha1, { keys, arguments: args }) => client.evalsha(sha1, keys.length, ...keys, ...args),
    hGetAll: (key) => client.hgetall(key),
    del: (key) => client.del(key),
  };
}

// Each script touches exactly one key, passed in KEYS, so Redis Cluster routes it by that key's
// slot and any Redis 7+/Valkey runs it atomically.
const COMPARE_AND_SET = script(`
local key = KEYS[1]
if ARGV[1] == '0' then
  if redis.call('EXISTS', key) == 1 then return 0 end
elseif redis.call('TYPE', key).ok ~= 'hash' or redis.call('HGET', key, 'version') ~= ARGV[1] then
  return 0
end
redis.call('HSET', key, 'version', ARGV[2], 'leaseUntil', ARGV[3], 'secretHash', ARGV[4], 'sealed', ARGV[5])
redis.call('PEXPIRE', key, ARGV[6])
return 1
`);

// A value under the key that is not a counter (or a counter without expiry) cannot be ours:
// replace it rather than fail every request that hits the key.
const HIT = script(`
local key = KEYS[1]
local count = redis.pcall('INCR', key)
if type(count) ~= 'number' then
  redis.call('DEL', key)
  count = redis.call('INCR', key)
end
local ttl = redis.call('PTTL', key)
if count == 1 or ttl < 0 then
  redis.call('PEXPIRE', key, ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`);

/**
 * Flows in Redis (or Valkey), shared by every server instance: one hash per flow at
 * `<prefix>:{<id>}`, one counter per rate-limit key at `<prefix>:rl:{<key>}`.
 */
export function redisFlowStore(options: RedisFlowStoreOptions): FlowStore {
  const { client } = options;
  const prefix = options.prefix ?? 'pwl';
  // A brace in the prefix would become the hash tag and put every flow in one cluster slot.
  if (/[{}]/.test(prefix)) throw new RangeError(`redisFlowStore: prefix must not contain braces: ${prefix}`);
  const flowKey = (id: string) => `${prefix}:{${id}}`;
  const counterKey = (key: string) => `${prefix}:rl:{${key}}`;

  return {
    async get(id) {
      try {
        return toRecord(await client.hGetAll(flowKey(id)));
      } catch (error) {
        // Something other than a hash under our key is not a flow.
        if (isReply(error, 'WRONGTYPE')) return null;
        throw error;
      }
    },

    async compareAndSet(id, expectedVersion, record, ttlMs) {
      checkWrite(expectedVersion, record, ttlMs);
      const reply = await run(client, COMPARE_AND_SET, flowKey(id), [
        String(expectedVersion),
        String(record.version),
        record.leaseUntil === null ? '' : String(record.leaseUntil),
        record.secretHash,
        record.sealed,
        String(Math.ceil(ttlMs)),
      ]);
      if (reply === 1) return true;
      if (reply === 0) return false;
      throw new RedisFlowStoreError('compareAndSet: the script answered neither 1 nor 0', reply);
    },

    async delete(id) {
      await client.del(flowKey(id));
    },

    async hit(key, limit, windowMs) {
      checkHit(limit, windowMs);
      const reply = await run(client, HIT, counterKey(key), [String(Math.ceil(windowMs))]);
      // Read after the reply, so resetAt is never earlier than Redis's own expiry: a client told
      // to retry then will not arrive while the window is still closed.
      const now = Date.now();
      if (!Array.isArray(reply) || reply.length !== 2) {
        throw new RedisFlowStoreError('hit: the script did not answer [count, pttl]', reply);
      }
      const [count, pttl] = reply as unknown[];
      if (!isCount(count) || !isCount(pttl)) {
        throw new RedisFlowStoreError('hit: the script did not answer [count, pttl]', reply);
      }
      return {
        allowed: count <= limit,
        limit,
        remaining: Math.max(0, limit - count),
        resetAt: now + pttl,
      } satisfies RateLimitHit;
    },
  };
}

interface Script {
  source: string;
  sha1: string;
}

function script(source: string): Script {
  return { source, sha1: createHash('sha1').update(source).digest('hex') };
}

// EVALSHA first, so the script body crosses the network once per server (or cluster node) and
// script cache flush, not on every request; EVAL on NOSCRIPT also loads it for next time.
async function run(client: RedisLike, { source, sha1 }: Script, key: string, args: string[]) {
  const options = { keys: [key], arguments: args };
  try {
    return await client.evalSha(sha1, options);
  } catch (error) {
    if (!isReply(error, 'NOSCRIPT')) throw error;
    return client.eval(source, options);
  }
}

/** Both clients reject with an Error whose message starts with Redis's error code. */
function isReply(error: unknown, code: string): boolean {
  return error instanceof Error && error.message.startsWith(`${code} `);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

const decoder = new TextDecoder();

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  // A client with a Buffer type mapping answers bytes.
  if (value instanceof Uint8Array) return decoder.decode(value);
  return undefined;
}

/** HGETALL's reply as a FlowRecord, or null when the key is absent or the hash is not one of ours. */
function toRecord(reply: unknown): FlowRecord | null {
  const field = fieldReader(reply);
  if (field === null) return null;
  const version = field('version');
  const leaseUntil = field('leaseUntil');
  const secretHash = field('secretHash');
  const sealed = field('sealed');
  if (version === undefined || leaseUntil === undefined || secretHash === undefined || sealed === undefined) {
    return null;
  }
  const versionNumber = Number(version);
  // Written as String(n), so anything that does not read back to the same text was not written here.
  if (!Number.isSafeInteger(versionNumber) || versionNumber < 1 || String(versionNumber) !== version) {
    return null;
  }
  let lease: number | null = null;
  if (leaseUntil !== '') {
    lease = Number(leaseUntil);
    if (!Number.isFinite(lease) || String(lease) !== leaseUntil) return null;
  }
  return { version: versionNumber, leaseUntil: lease, secretHash, sealed };
}

function fieldReader(reply: unknown): ((name: string) => string | undefined) | null {
  // RESP3 with a Map type mapping answers a Map; otherwise (RESP2, ioredis) a plain object.
  // (node-redis turns map keys into strings even when it maps values to Buffers.)
  if (reply instanceof Map) return (name) => text(reply.get(name));
  if (typeof reply === 'object' && reply !== null && !Array.isArray(reply)) {
    const fields = reply as Record<string, unknown>;
    return (name) => (Object.hasOwn(fields, name) ? text(fields[name]) : undefined);
  }
  return null;
}
