// The chart's own CPU per login, without the network: the e-mail code + MFA OTP login of
// flow-overhead.ts is recorded once against the emulator, then driven again and again with each
// request answered in-process from the recording. What remains is the chart, the client (ofetch,
// the error model, ID-token checks with jose) and `waitForStep`; the comparison arm reads the same
// answers with nothing else, so the difference is what the library itself costs.
import { createPasswordlessActions, createPasswordlessActor, waitForStep } from '@passwordless-xstate/core';
import { generateTotp } from '@passwordless-xstate/emulator';
import { latestCode, NATIVE_CLIENT, resetEmulator, TOTP_USER } from './emulator-http.ts';
import { median } from './stats.ts';

interface RecordedAnswer {
  status: number;
  headers: [string, string][];
  body: string;
}

export interface ReplayedLogin {
  logins: number;
  /** Median CPU per login of the chart against the replayed answers. */
  chartCpuMs: number;
  /** Median CPU per login of reading the same answers, and nothing else. */
  readingCpuMs: number;
  requestsPerLogin: number;
}

// Answers by method and path, in the order the chart asked (the token endpoint answers twice).
type Recording = Map<string, RecordedAnswer[]>;
const keyOf = (input: RequestInfo | URL, init?: RequestInit) =>
  `${init?.method ?? 'GET'} ${new URL(input instanceof Request ? input.url : String(input)).pathname}`;

async function chartLogin(baseUrl: string, code: () => Promise<string>, otp: () => string): Promise<void> {
  const actor = createPasswordlessActor({ baseUrl, clientId: NATIVE_CLIENT }).start();
  try {
    const actions = createPasswordlessActions(actor.send);
    actions.submitIdentifier(TOTP_USER.email);
    await waitForStep(actor, 'code');
    actions.submitCode(await code());
    await waitForStep(actor, 'mfa_otp');
    actions.submitMfaCode(otp());
    await waitForStep(actor, 'authenticated');
  } finally {
    actor.stop();
  }
}

/** The chart reaches `fetch` late-bound (a polyfill may come later), so swapping it is enough. */
async function withFetch<T>(replacement: typeof fetch, run: () => Promise<T>): Promise<T> {
  const original = globalThis.fetch;
  globalThis.fetch = replacement;
  try {
    return await run();
  } finally {
    globalThis.fetch = original;
  }
}

async function record(baseUrl: string): Promise<Recording> {
  const realFetch = globalThis.fetch;
  const recording: Recording = new Map();
  const recordingFetch: typeof fetch = async (input, init) => {
    const response = await realFetch(input, init);
    const answer = { status: response.status, headers: [...response.headers], body: await response.text() };
    const key = keyOf(input, init);
    if (!key.includes('/__dev/')) recording.set(key, [...(recording.get(key) ?? []), answer]);
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  };
  await resetEmulator(baseUrl);
  await withFetch(recordingFetch, () =>
    chartLogin(
      baseUrl,
      () => latestCode(baseUrl, TOTP_USER.email),
      () => generateTotp(TOTP_USER.secret),
    ),
  );
  // The key set may be cached from earlier logins; answer it too if the chart asks again.
  const jwks = await realFetch(`${baseUrl}/.well-known/jwks.json`);
  recording.set('GET /.well-known/jwks.json', [
    { status: jwks.status, headers: [...jwks.headers], body: await jwks.text() },
  ]);
  return recording;
}

function replayer(recording: Recording) {
  const served = new Map<string, number>();
  const replay: typeof fetch = async (input, init) => {
    const key = keyOf(input, init);
    const answers = recording.get(key);
    if (!answers) throw new Error(`the recorded login has no answer for ${key}`);
    const index = served.get(key) ?? 0;
    served.set(key, index + 1);
    // A login that asks more than the recorded one did is no longer the same login: stop the bench.
    const answer = answers[index];
    if (!answer) throw new Error(`the recorded login answered ${key} only ${answers.length} time(s)`);
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  };
  return { replay, nextLogin: () => served.clear() };
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

export async function measureReplayedLogin(
  baseUrl: string,
  { logins = 300, warmup = 100, batch = 50 } = {},
): Promise<ReplayedLogin> {
  const recording = await record(baseUrl);
  const { replay, nextLogin } = replayer(recording);
  const answers = [...recording.entries()]
    .filter(([key]) => key !== 'GET /.well-known/jwks.json')
    .flatMap(([, list]) => list);
  // The codes are not checked: every answer is the recorded one.
  const chart = async () => {
    nextLogin();
    await chartLogin(
      baseUrl,
      async () => '000000',
      () => '000000',
    );
  };
  const reading = async () => {
    for (const answer of answers)
      await new Response(answer.body, { status: answer.status, headers: answer.headers }).json();
  };
  return withFetch(replay, async () => {
    for (let index = 0; index < warmup; index += 1) await chart();
    const perLogin: Record<'chart' | 'reading', number[]> = { chart: [], reading: [] };
    // Batches alternate between the arms, so that drift on a shared machine falls on both.
    for (let done = 0; done < logins; done += batch)
      for (const [arm, run] of [
        ['chart', chart],
        ['reading', reading],
      ] as const) {
        const since = process.cpuUsage();
        for (let index = 0; index < batch; index += 1) await run();
        perLogin[arm].push(cpuMs(since) / batch);
      }
    return {
      logins,
      chartCpuMs: median(perLogin.chart),
      readingCpuMs: median(perLogin.reading),
      requestsPerLogin: answers.length,
    };
  });
}
