// @passwordless-xstate/server's handler over real HTTP: e-mail code logins per second with the
// memory store and with a real Redis, and the size of the sealed record a flow stores while it
// waits (after the code is sent, and at the MFA step). The emulator runs in its own process.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createPasswordlessServer,
  memoryFlowStore,
  toNodeHandler,
  type FlowStore,
} from '@passwordless-xstate/server';
import { redisFlowStore } from '@passwordless-xstate/server/redis';
import { latestCode } from './emulator-http.ts';
import { startRedis } from './redis-server.ts';
import { median, percentile } from './stats.ts';

export interface HandlerFigures {
  store: string;
  logins: number;
  loginsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  recordBytes: { code: number; mfa: number };
}

async function serve(emulatorUrl: string, store: FlowStore) {
  const handler = createPasswordlessServer({
    baseUrl: emulatorUrl,
    clientId: 'pwl-web',
    clientSecret: 'pwl-web-secret-for-local-development-only',
    secret: 'benchmark-secret-that-is-at-least-32-bytes-long',
    store,
    limits: { startsPerIpPerHour: 1e9, startsPerIdentifierPerHour: 1e9, requestsPerFlowPerMinute: 1e9 },
  });
  const server = createServer(toNodeHandler(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { origin, close };
}

/** One person's login: the flow cookie carried by hand, as a browser would. */
async function login(origin: string, emulatorUrl: string, email: string, store?: FlowStore) {
  let cookie = '';
  let version = 0;
  let recordBytes = 0;
  const send = async (event: Record<string, unknown>) => {
    const response = await fetch(`${origin}/auth/passwordless/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, cookie },
      body: JSON.stringify({ event, version }),
    });
    const fresh = response.headers
      .getSetCookie()
      .find((value) => value.startsWith('pwl-flow=') && !value.includes('Max-Age=0'));
    if (fresh) cookie = fresh.split(';')[0] ?? '';
    const body = (await response.json()) as { version: number; view: { step: string } };
    if (!response.ok) throw new Error(`${String(event.type)} answered ${response.status}`);
    version = body.version;
    if (store && cookie) {
      const record = await store.get(cookie.slice('pwl-flow='.length).split('.')[0] ?? '');
      recordBytes = Math.max(recordBytes, record?.sealed.length ?? 0);
    }
    return body.view.step;
  };
  await send({ type: 'SUBMIT_IDENTIFIER', identifier: email });
  const step = await send({ type: 'SUBMIT_CODE', otp: await latestCode(emulatorUrl, email) });
  return { step, recordBytes };
}

async function run(
  name: string,
  store: FlowStore,
  emulatorUrl: string,
  { count, concurrency, budgetMs }: { count: number; concurrency: number; budgetMs: number },
): Promise<HandlerFigures> {
  const { origin, close } = await serve(emulatorUrl, store);
  try {
    const code = await login(origin, emulatorUrl, `record-size-${name}@example.com`, store);
    const mfa = await login(origin, emulatorUrl, 'multi@example.com', store);
    if (code.step !== 'authenticated' || mfa.step !== 'mfa_choose')
      throw new Error(`unexpected steps ${code.step} ${mfa.step}`);
    for (let index = 0; index < 20; index += 1)
      await login(origin, emulatorUrl, `warm-${name}-${index}@example.com`);
    const durations: number[] = [];
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < count && performance.now() - started < budgetMs) {
        const email = `handler-${name}-${next++}@example.com`;
        const begin = performance.now();
        const { step } = await login(origin, emulatorUrl, email);
        if (step !== 'authenticated') throw new Error(`${email} ended at ${step}`);
        durations.push(performance.now() - begin);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (performance.now() - started) / 1000;
    return {
      store: name,
      logins: durations.length,
      loginsPerSecond: durations.length / seconds,
      p50Ms: median(durations),
      p95Ms: percentile(durations, 95),
      recordBytes: { code: code.recordBytes, mfa: mfa.recordBytes },
    };
  } finally {
    await close();
  }
}

export async function measureServerHandler(
  emulatorUrl: string,
  { count = 300, concurrency = 8, budgetMs = 8_000 } = {},
): Promise<Array<HandlerFigures | { store: string; error: string }>> {
  const options = { count, concurrency, budgetMs };
  const results: Array<HandlerFigures | { store: string; error: string }> = [
    await run('memory', memoryFlowStore(), emulatorUrl, options),
  ];
  const redis = await startRedis();
  if ('error' in redis) return [...results, { store: 'redis', error: redis.error }];
  try {
    results.push(await run('redis', redisFlowStore({ client: redis.client }), emulatorUrl, options));
  } finally {
    await redis.stop();
  }
  return results;
}
