/**
 * Complete e-mail code logins against a local emulator over loopback:
 * start → code from `GET /__dev/outbox?to=` → `/oauth/token`.
 *
 *   pnpm --filter @passwordless-xstate/emulator bench
 *   BENCH_LOGINS=5000 BENCH_CONCURRENCY=16 pnpm --filter @passwordless-xstate/emulator bench
 */
import { GRANT, startEmulator, unlimitedRates } from '../src/index.ts';

const count = positiveInt(process.env.BENCH_LOGINS, 2000);
const concurrency = positiveInt(process.env.BENCH_CONCURRENCY, 8);
/** Stop starting new logins after this long, so a slow machine still finishes. */
const budgetMs = positiveInt(process.env.BENCH_BUDGET_MS, 60_000);

type Step = 'start' | 'outbox' | 'token' | 'login';
const samples: Record<Step, number[]> = { start: [], outbox: [], token: [], login: [] };

function positiveInt(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

async function timed<T>(step: Step, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  samples[step].push(performance.now() - started);
  return result;
}

async function expectOk(response: Response, what: string): Promise<unknown> {
  const body: unknown = await response.json();
  if (!response.ok) throw new Error(`${what} failed with ${response.status}: ${JSON.stringify(body)}`);
  return body;
}

async function login(baseUrl: string, index: number): Promise<void> {
  const email = `bench-${index}@example.com`;
  const post = (path: string, body: Record<string, string>) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const loginStarted = performance.now();
  await timed('start', async () =>
    expectOk(
      await post('/passwordless/start', {
        client_id: 'pwl-native',
        connection: 'email',
        email,
        send: 'code',
      }),
      'start',
    ),
  );
  const messages = await timed('outbox', async () =>
    expectOk(await fetch(`${baseUrl}/__dev/outbox?to=${encodeURIComponent(email)}`), 'outbox'),
  );
  const code = (messages as Array<{ code?: string }>).at(-1)?.code;
  if (!code) throw new Error(`no code for ${email}`);
  await timed('token', async () =>
    expectOk(
      await post('/oauth/token', {
        grant_type: GRANT.passwordlessOtp,
        client_id: 'pwl-native',
        realm: 'email',
        username: email,
        otp: code,
        scope: 'openid profile email',
      }),
      'token',
    ),
  );
  samples.login.push(performance.now() - loginStarted);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summarize(step: Step) {
  const sorted = [...samples[step]].sort((a, b) => a - b);
  const ms = (value: number) => Number(value.toFixed(2));
  return {
    step: step === 'login' ? 'full login' : step,
    n: sorted.length,
    'p50 ms': ms(percentile(sorted, 50)),
    'p95 ms': ms(percentile(sorted, 95)),
    'p99 ms': ms(percentile(sorted, 99)),
    'max ms': ms(sorted.at(-1) ?? Number.NaN),
  };
}

async function main(): Promise<void> {
  const emulator = await startEmulator({
    port: 0,
    log: false,
    // Every login comes from loopback: the real 50 starts per hour, or 30 token calls per second,
    // would stop the run long before the end.
    config: { limits: unlimitedRates },
  });
  console.log(`Emulator on ${emulator.url}: ${count} e-mail code logins, concurrency ${concurrency}`);

  // Warm up connections, JIT and the signing key outside the measurement.
  for (let index = 0; index < Math.min(20, count); index += 1) await login(emulator.url, -1 - index);
  for (const list of Object.values(samples)) list.length = 0;

  let next = 0;
  const deadline = performance.now() + budgetMs;
  const began = performance.now();
  const worker = async () => {
    while (next < count && performance.now() < deadline) await login(emulator.url, next++);
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await emulator.close();
  }
  const seconds = (performance.now() - began) / 1000;
  const done = samples.login.length;

  console.log(
    `${done} logins in ${seconds.toFixed(2)} s = ${(done / seconds).toFixed(0)} logins/s` +
      (done < count ? ` (stopped by the ${budgetMs / 1000} s budget)` : ''),
  );
  console.table((['login', 'start', 'outbox', 'token'] as const).map(summarize));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
