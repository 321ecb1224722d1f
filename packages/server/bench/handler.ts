/**
 * Logins per second through the server's handler over real HTTP (e-mail code: start, code from the
 * emulator's outbox, token), with the memory store and with a real Redis, and the size of the
 * stored record per flow at each waiting step.
 *
 *   pnpm --filter @passwordless-xstate/server bench
 *   BENCH_LOGINS=1000 BENCH_CONCURRENCY=16 pnpm --filter @passwordless-xstate/server bench
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmulator, type RunningEmulator } from '@passwordless-xstate/emulator';
import { createClient } from 'redis';
import { createPasswordlessServer, memoryFlowStore, toNodeHandler, type FlowStore } from '../src/index.ts';
import { redisFlowStore } from '../src/store/redis.ts';
import { startRedisServer } from '../test/store/redis-server.ts';

const count = positiveInt(process.env.BENCH_LOGINS, 300);
const concurrency = positiveInt(process.env.BENCH_CONCURRENCY, 8);
/** Stop starting new logins after this long, so a slow machine still finishes. */
const budgetMs = positiveInt(process.env.BENCH_BUDGET_MS, 30_000);

function positiveInt(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

interface Result {
  store: string;
  logins: number;
  seconds: number;
  p50: number;
  p95: number;
  recordBytes: { code: number; mfa: number };
}

async function serve(emulator: RunningEmulator, store: FlowStore) {
  const pwl = createPasswordlessServer({
    baseUrl: emulator.url,
    clientId: 'pwl-web',
    clientSecret: 'pwl-web-secret-for-local-development-only',
    secret: 'benchmark-secret-that-is-at-least-32-bytes-long',
    store,
    limits: { startsPerIpPerHour: 1e9, startsPerIdentifierPerHour: 1e9, requestsPerFlowPerMinute: 1e9 },
  });
  const server = createServer(toNodeHandler(pwl));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
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
    const setCookie = response.headers
      .getSetCookie()
      .find((value) => value.startsWith('pwl-flow=') && !value.includes('Max-Age=0'));
    if (setCookie) cookie = setCookie.split(';')[0] ?? '';
    const body = (await response.json()) as { version: number; view: { step: string } };
    if (!response.ok) throw new Error(`${event.type} answered ${response.status}`);
    version = body.version;
    if (store && cookie)
      recordBytes = Math.max(
        recordBytes,
        (await store.get(cookie.slice(9).split('.')[0] ?? ''))?.sealed.length ?? 0,
      );
    return body.view.step;
  };
  await send({ type: 'SUBMIT_IDENTIFIER', identifier: email });
  const messages = (await (
    await fetch(`${emulatorUrl}/__dev/outbox?to=${encodeURIComponent(email)}`)
  ).json()) as Array<{ code?: string }>;
  const step = await send({ type: 'SUBMIT_CODE', otp: messages.at(-1)?.code ?? '' });
  return { step, recordBytes };
}

async function run(name: string, store: FlowStore): Promise<Result> {
  const emulator = await startEmulator({
    port: 0,
    log: false,
    config: { limits: { passwordlessStart: { burst: count + 10, refill: count + 10, perSeconds: 1 } } },
  });
  const { server, origin } = await serve(emulator, store);
  const code = await login(origin, emulator.url, 'record-size@example.com', store);
  const mfa = await login(origin, emulator.url, 'multi@example.com', store);
  if (code.step !== 'authenticated' || mfa.step !== 'mfa_choose')
    throw new Error(`unexpected steps ${code.step} ${mfa.step}`);
  // Warm-up, so the first store measured does not also pay for the JIT.
  for (let index = 0; index < 20; index += 1) await login(origin, emulator.url, `warm-${index}@example.com`);
  const durations: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count && performance.now() - started < budgetMs) {
      const index = next++;
      const begin = performance.now();
      const { step } = await login(origin, emulator.url, `bench-${index}@example.com`);
      if (step !== 'authenticated') throw new Error(`login ${index} ended at ${step}`);
      durations.push(performance.now() - begin);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await emulator.close();
  durations.sort((a, b) => a - b);
  const at = (q: number) => durations[Math.min(durations.length - 1, Math.floor(q * durations.length))] ?? 0;
  return {
    store: name,
    logins: durations.length,
    seconds,
    p50: at(0.5),
    p95: at(0.95),
    recordBytes: { code: code.recordBytes, mfa: mfa.recordBytes },
  };
}

const results = [await run('memory', memoryFlowStore())];
const redis = await startRedisServer();
try {
  const client = await createClient({ url: redis.url }).connect();
  results.push(await run('redis', redisFlowStore({ client })));
  await client.quit();
} finally {
  await redis.stop();
}

console.log(
  `\nServer handler: e-mail code logins over loopback (${concurrency} at a time; server and emulator in one process)\n`,
);
console.log(
  '| store  | logins | logins/s | p50 ms | p95 ms | record bytes (code step) | record bytes (MFA step) |',
);
console.log(
  '| ------ | -----: | -------: | -----: | -----: | -----------------------: | ----------------------: |',
);
for (const result of results) {
  console.log(
    `| ${result.store.padEnd(6)} | ${String(result.logins).padStart(6)} | ${(result.logins / result.seconds).toFixed(1).padStart(8)} | ${result.p50.toFixed(1).padStart(6)} | ${result.p95.toFixed(1).padStart(6)} | ${String(result.recordBytes.code).padStart(24)} | ${String(result.recordBytes.mfa).padStart(23)} |`,
  );
}
