import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startEmulator, type RunningEmulator } from '@passwordless-xstate/emulator';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorEndpoints, type Endpoint } from './fuzz/endpoints.ts';
import { fuzzRequest, knownCases, toCurl, type FuzzRequest } from './fuzz/requests.ts';
import { closeAgent, send, type Answer } from './fuzz/send.ts';
import { envCount, writeResults } from './support/results.ts';
import { printTable } from './support/table.ts';

const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const total = envCount('FUZZ_REQUESTS', 3000);
const budgetMs = envCount('FUZZ_SECONDS', 60) * 1000;
const CONCURRENCY = 8;
const BATCH = 100;
const HEALTH_EVERY = 250;
/** Generous: the same process holds vitest, the emulator's state and the generated bodies. */
const HEAP_GROWTH_LIMIT_MB = 96;

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const heapMb = () => {
  collectGarbage();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

type StatusClass = '2xx' | '3xx' | '4xx' | '5xx' | 'no answer (incomplete request)' | 'hang' | 'not sendable';

const classOf = (answer: Answer): StatusClass => {
  if (answer.status === 'none') return 'no answer (incomplete request)';
  if (answer.status === 'hang') return 'hang';
  if (answer.status === 'unsendable') return 'not sendable';
  return `${Math.floor(answer.status / 100)}xx` as StatusClass;
};

let emulator: RunningEmulator;
let endpoints: Endpoint[];

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, log: false });
  endpoints = emulatorEndpoints();
});

afterAll(async () => {
  closeAgent();
  await emulator?.close();
});

const endpointOf = (request: FuzzRequest): Endpoint =>
  endpoints.find((endpoint) => endpoint.path === request.target && endpoint.method === request.method) ?? {
    method: 'POST',
    path: request.target,
  };

async function healthy(): Promise<boolean> {
  const answer = await fetch(`${emulator.url}/.well-known/openid-configuration`, {
    signal: AbortSignal.timeout(20_000),
  });
  return answer.status === 200;
}

describe('emulator fuzz: malformed requests at every endpoint', () => {
  it('finds the emulator routes to fuzz', () => {
    expect(endpoints.length).toBeGreaterThanOrEqual(25);
    expect(endpoints).toContainEqual({ method: 'POST', path: '/oauth/token' });
  });

  it('answers every one without a 5xx, a crash or a hang, and with flat memory', async () => {
    const generator = fc
      .constantFrom(...endpoints)
      .chain((endpoint) => fuzzRequest(endpoint).map((request) => ({ endpoint, request })));
    const byClass = new Map<StatusClass, number>();
    const byEndpoint = new Map<string, Map<StatusClass, number>>();
    const kinds = new Map<string, number>();
    const failures: Array<{ answer: Answer; request: FuzzRequest; curl: string }> = [];
    const started = Date.now();
    let sent = 0;
    let warmHeap = 0;
    const heapTrace: number[] = [];
    let batch: Array<{ endpoint: Endpoint; request: FuzzRequest }> = [];
    let next = 0;
    const worker = async () => {
      while (Date.now() - started < budgetMs) {
        const item = batch[next++];
        if (!item) return;
        const { endpoint, request } = item;
        const answer = await send(emulator.url, request);
        sent += 1;
        const statusClass = classOf(answer);
        byClass.set(statusClass, (byClass.get(statusClass) ?? 0) + 1);
        const key = `${endpoint.method} ${endpoint.path}`;
        const classes = byEndpoint.get(key) ?? new Map<StatusClass, number>();
        classes.set(statusClass, (classes.get(statusClass) ?? 0) + 1);
        byEndpoint.set(key, classes);
        kinds.set(request.kind, (kinds.get(request.kind) ?? 0) + 1);
        if (statusClass === '5xx' || statusClass === 'hang')
          failures.push({ answer, request, curl: toCurl(emulator.url, request) });
        if (sent % HEALTH_EVERY === 0) {
          expect(await healthy(), `the emulator answers after ${sent} requests`).toBe(true);
          heapTrace.push(Math.round(heapMb()));
        }
        if (sent === Math.min(300, Math.floor(total / 10))) warmHeap = heapMb();
      }
    };
    // In batches, each seeded from the run's seed: the requests (huge bodies among them) are freed as
    // they go, so the heap measures the emulator rather than the test's own list.
    // One at a time: a clock move, then the requests that used to fail after it.
    batch = knownCases().map((request) => ({ endpoint: endpointOf(request), request }));
    await worker();
    for (let index = 0; index * BATCH < total && Date.now() - started < budgetMs; index++) {
      batch = fc.sample(generator, { seed: seed + index, numRuns: Math.min(BATCH, total - index * BATCH) });
      next = 0;
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    }
    batch = [];
    expect(await healthy(), 'the emulator still answers at the end').toBe(true);
    const endHeap = heapMb();

    const classes: StatusClass[] = [
      '2xx',
      '3xx',
      '4xx',
      '5xx',
      'no answer (incomplete request)',
      'hang',
      'not sendable',
    ];
    printTable(
      `Emulator fuzz: ${sent} requests (seed ${seed}), heap ${warmHeap.toFixed(1)} MB after warm-up → ${endHeap.toFixed(1)} MB`,
      ['endpoint', ...classes],
      [...byEndpoint].map(([key, counts]) => [key, ...classes.map((name) => String(counts.get(name) ?? 0))]),
    );
    for (const failure of failures)
      console.log(`REPRODUCER (${JSON.stringify(failure.answer)}, ${failure.request.kind}): ${failure.curl}`);
    writeResults('emulator-fuzz', {
      seed,
      sent,
      endpoints: endpoints.length,
      byClass: Object.fromEntries(byClass),
      byKind: Object.fromEntries(kinds),
      heapMb: { afterWarmUp: Math.round(warmHeap), atEnd: Math.round(endHeap), trace: heapTrace },
      failures: failures.map(({ answer, request, curl }) => ({
        answer,
        request: { ...request, body: request.body.slice(0, 4096) },
        curl,
      })),
    });

    expect(sent, 'requests sent within the time budget').toBeGreaterThan(0);
    expect(
      failures.map(({ answer, request }) => `${JSON.stringify(answer)} ${request.method} ${request.target}`),
    ).toEqual([]);
    expect(endHeap - warmHeap, 'heap growth in MB').toBeLessThan(HEAP_GROWTH_LIMIT_MB);
  }, 300_000);
});
