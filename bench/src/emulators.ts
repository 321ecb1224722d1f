// Our emulator next to @simulacrum/auth0-simulator: start-up in fresh processes, and passwordless
// e-mail logins per second under the same client (8 at a time), in interleaved windows.
import { startChild, type RunningChild } from './child.ts';
import { createJsonClient, type JsonClient } from './http-client.ts';
import { createCertificateHome } from './https-certificate.ts';
import { median, percentile } from './stats.ts';

const OTP_GRANT = 'http://auth0.com/oauth/grant-type/passwordless/otp';
const SIMULACRUM_USER = 'bench@example.com';

export interface ServerFigures {
  name: string;
  importMs: number;
  startMs: number;
  loginsPerSecond: number;
  logins: number;
  p50Ms: number;
  p95Ms: number;
  requestsPerLogin: number;
}

export type EmulatorComparison = { emulator: ServerFigures; simulacrum: ServerFigures | { error: string } };

interface Target {
  name: string;
  script: string;
  env: NodeJS.ProcessEnv;
  ca?: string;
  requestsPerLogin: number;
  login(client: JsonClient, index: number): Promise<void>;
}

const expectStatus = (what: string, status: number, expected: number) => {
  if (status !== expected) throw new Error(`${what} answered ${status}`);
};

/** start → the code from the dev outbox (the emulator checks codes) → OTP grant. */
async function emulatorLogin(client: JsonClient, index: number) {
  const email = `bench-${index}@example.com`;
  const start = await client.request('POST', '/passwordless/start', {
    client_id: 'pwl-native',
    connection: 'email',
    email,
    send: 'code',
  });
  expectStatus('emulator start', start.status, 200);
  const outbox = await client.request('GET', `/__dev/outbox?to=${encodeURIComponent(email)}`);
  const code = (outbox.json as Array<{ code?: string }>).at(-1)?.code ?? '';
  const token = await client.request('POST', '/oauth/token', {
    grant_type: OTP_GRANT,
    client_id: 'pwl-native',
    realm: 'email',
    username: email,
    otp: code,
    scope: 'openid profile email',
  });
  expectStatus('emulator token', token.status, 200);
}

/** start → OTP grant (simulacrum sends no code and accepts any, for a user in its store). */
async function simulacrumLogin(client: JsonClient) {
  const start = await client.request('POST', '/passwordless/start', {
    client_id: 'bench',
    connection: 'email',
    email: SIMULACRUM_USER,
    send: 'code',
  });
  expectStatus('simulacrum start', start.status, 200);
  const token = await client.request('POST', '/oauth/token', {
    grant_type: OTP_GRANT,
    client_id: 'bench',
    realm: 'email',
    username: SIMULACRUM_USER,
    otp: '000000',
    scope: 'openid profile email',
  });
  expectStatus('simulacrum token', token.status, 200);
}

interface Tally {
  durations: number[];
  seconds: number;
  next: number;
}

async function loadWindow(
  target: Target,
  child: RunningChild,
  tally: Tally,
  windowMs: number,
  concurrency: number,
) {
  const client = createJsonClient(child.url, {
    sockets: concurrency,
    ...(target.ca ? { ca: target.ca } : {}),
  });
  try {
    for (let index = 0; index < concurrency; index += 1) await target.login(client, tally.next++); // connections and JIT
    const started = performance.now();
    const worker = async () => {
      while (performance.now() - started < windowMs) {
        const begin = performance.now();
        await target.login(client, tally.next++);
        tally.durations.push(performance.now() - begin);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    tally.seconds += (performance.now() - started) / 1000;
  } finally {
    client.close();
  }
}

export async function compareEmulators({
  starts = 3,
  windows = 3,
  windowMs = 1500,
  concurrency = 8,
} = {}): Promise<EmulatorComparison> {
  const certificate = createCertificateHome();
  const targets: Target[] = [
    {
      name: '@passwordless-xstate/emulator',
      script: './emulator-process.ts',
      env: {},
      requestsPerLogin: 3,
      login: emulatorLogin,
    },
  ];
  if (!('error' in certificate))
    targets.push({
      name: '@simulacrum/auth0-simulator',
      script: './simulacrum-process.ts',
      env: { HOME: certificate.home, BENCH_SIMULACRUM_USER: SIMULACRUM_USER },
      ca: certificate.ca,
      requestsPerLogin: 2,
      login: simulacrumLogin,
    });
  try {
    const startTimes = new Map<string, { importMs: number[]; startMs: number[] }>(
      targets.map((target) => [target.name, { importMs: [], startMs: [] }]),
    );
    for (let round = 0; round < starts; round += 1)
      for (const target of targets) {
        const child = await startChild(target.script, target.env);
        startTimes.get(target.name)?.importMs.push(child.importMs);
        startTimes.get(target.name)?.startMs.push(child.startMs);
        await child.stop();
      }
    const children = await Promise.all(targets.map((target) => startChild(target.script, target.env)));
    const tallies = targets.map((): Tally => ({ durations: [], seconds: 0, next: 0 }));
    try {
      for (let window = 0; window < windows; window += 1)
        for (const [index, target] of targets.entries()) {
          const [child, tally] = [children[index], tallies[index]];
          if (child && tally) await loadWindow(target, child, tally, windowMs, concurrency);
        }
    } finally {
      await Promise.all(children.map((child) => child.stop()));
    }
    const figures = targets.map((target, index): ServerFigures => {
      const tally = tallies[index] ?? { durations: [], seconds: 1, next: 0 };
      const times = startTimes.get(target.name) ?? { importMs: [], startMs: [] };
      return {
        name: target.name,
        importMs: median(times.importMs),
        startMs: median(times.startMs),
        loginsPerSecond: tally.durations.length / tally.seconds,
        logins: tally.durations.length,
        p50Ms: median(tally.durations),
        p95Ms: percentile(tally.durations, 95),
        requestsPerLogin: target.requestsPerLogin,
      };
    });
    const [emulator, simulacrum] = figures;
    if (!emulator) throw new Error('no emulator figures');
    return {
      emulator,
      simulacrum: simulacrum ?? { error: 'error' in certificate ? certificate.error : 'not run' },
    };
  } finally {
    if (!('error' in certificate)) certificate.remove();
  }
}
