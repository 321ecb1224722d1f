// A full e-mail code + MFA OTP login driven by the chart (createPasswordlessActor, the README path)
// against the emulator in another process, next to the protocol's minimum calls made with plain
// fetch. Only what a person waits for is timed: from each submit until the flow is at the next
// step. Reading the code from the outbox, computing the TOTP and resetting the emulator are the
// harness's and sit outside the clock. The chart is awaited through its own subscription
// (waitForStep), never by polling.
import {
  createPasswordlessActions,
  createPasswordlessActor,
  waitForStep,
  type PasswordlessActorRef,
} from '@passwordless-xstate/core';
import { generateTotp } from '@passwordless-xstate/emulator';
import { latestCode, NATIVE_CLIENT, resetEmulator, TOTP_USER } from './emulator-http.ts';
import { median, percentile } from './stats.ts';

const DEFAULT_SCOPE = 'openid profile email phone offline_access';

export interface LoginCost {
  wallMs: number;
  cpuMs: number;
}

export interface ArmSummary {
  medianMs: number;
  p90Ms: number;
  /** Median client CPU per login. */
  cpuMs: number;
}

export interface FlowOverhead {
  rounds: number;
  chart: ArmSummary;
  /** Plain fetch making the same calls as the chart (its extra GETs included). */
  sameCalls: ArmSummary;
  /** Plain fetch making only the protocol's minimum calls. */
  minimum: ArmSummary;
}

/** Requests the chart makes beyond the protocol minimum, which the same-calls arm repeats. */
export interface ExtraCalls {
  authenticators: boolean;
  jwks: boolean;
}

class Stopwatch {
  wallMs = 0;
  cpuMs = 0;
  async time(step: () => Promise<unknown>): Promise<void> {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await step();
    this.wallMs += performance.now() - started;
    const used = process.cpuUsage(cpu);
    this.cpuMs += (used.user + used.system) / 1000;
  }
}

export async function chartLogin(baseUrl: string): Promise<LoginCost> {
  const clock = new Stopwatch();
  let actor: PasswordlessActorRef | undefined;
  try {
    await clock.time(async () => {
      actor = createPasswordlessActor({ baseUrl, clientId: NATIVE_CLIENT }).start();
      createPasswordlessActions(actor.send).submitIdentifier(TOTP_USER.email);
      await waitForStep(actor, 'code');
    });
    if (!actor) throw new Error('no actor');
    const flow = actor;
    const actions = createPasswordlessActions(flow.send);
    const code = await latestCode(baseUrl, TOTP_USER.email);
    await clock.time(async () => {
      actions.submitCode(code);
      await waitForStep(flow, 'mfa_otp');
    });
    const otp = generateTotp(TOTP_USER.secret);
    await clock.time(async () => {
      actions.submitMfaCode(otp);
      await waitForStep(flow, 'authenticated');
    });
  } finally {
    actor?.stop();
  }
  return { wallMs: clock.wallMs, cpuMs: clock.cpuMs };
}

async function postJson(
  url: string,
  body: Record<string, string>,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function getJson(url: string, headers: Record<string, string> = {}): Promise<void> {
  const response = await fetch(url, { headers });
  await response.json();
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
}

/**
 * The protocol's minimum for this login (start, OTP grant → mfa_required, MFA OTP grant), plus
 * the chart's extra calls when `extra` names them.
 */
export async function plainFetchLogin(
  baseUrl: string,
  extra: ExtraCalls = { authenticators: false, jwks: false },
): Promise<LoginCost> {
  const clock = new Stopwatch();
  const email = TOTP_USER.email;
  await clock.time(async () => {
    const start = await postJson(`${baseUrl}/passwordless/start`, {
      client_id: NATIVE_CLIENT,
      connection: 'email',
      email,
      send: 'code',
    });
    if (start.status !== 200) throw new Error(`start answered ${start.status}`);
  });
  const code = await latestCode(baseUrl, email);
  let mfaToken = '';
  await clock.time(async () => {
    const token = await postJson(`${baseUrl}/oauth/token`, {
      grant_type: 'http://auth0.com/oauth/grant-type/passwordless/otp',
      client_id: NATIVE_CLIENT,
      realm: 'email',
      username: email,
      otp: code,
      scope: DEFAULT_SCOPE,
    });
    if (token.status !== 403 || token.json.error !== 'mfa_required')
      throw new Error(`OTP grant answered ${token.status}`);
    mfaToken = String(token.json.mfa_token);
    if (extra.authenticators)
      await getJson(`${baseUrl}/mfa/authenticators`, { authorization: `Bearer ${mfaToken}` });
  });
  const otp = generateTotp(TOTP_USER.secret);
  await clock.time(async () => {
    const token = await postJson(`${baseUrl}/oauth/token`, {
      grant_type: 'http://auth0.com/oauth/grant-type/mfa-otp',
      client_id: NATIVE_CLIENT,
      mfa_token: mfaToken,
      otp,
    });
    if (token.status !== 200 || typeof token.json.access_token !== 'string')
      throw new Error(`MFA OTP grant answered ${token.status}`);
    if (extra.jwks) await getJson(`${baseUrl}/.well-known/jwks.json`);
  });
  return clock;
}

type Arm = 'chart' | 'sameCalls' | 'minimum';
const ARMS: Arm[] = ['chart', 'sameCalls', 'minimum'];

/**
 * Interleaved rounds, the order rotating each round, so that drift on a shared machine falls on
 * every arm alike; the emulator is reset before each login (a TOTP is accepted once per 30-second
 * step).
 */
export async function measureFlowOverhead(
  baseUrl: string,
  extra: ExtraCalls,
  { rounds = 150, warmup = 15, budgetMs = 25_000 } = {},
): Promise<FlowOverhead> {
  const costs: Record<Arm, LoginCost[]> = { chart: [], sameCalls: [], minimum: [] };
  const once = async (arm: Arm) => {
    await resetEmulator(baseUrl);
    if (arm === 'chart') return chartLogin(baseUrl);
    return plainFetchLogin(baseUrl, arm === 'sameCalls' ? extra : undefined);
  };
  for (let index = 0; index < warmup; index += 1) for (const arm of ARMS) await once(arm);
  const deadline = performance.now() + budgetMs;
  let done = 0;
  for (; done < rounds && performance.now() < deadline; done += 1)
    for (let slot = 0; slot < ARMS.length; slot += 1) {
      const arm = ARMS[(done + slot) % ARMS.length] ?? 'chart';
      costs[arm].push(await once(arm));
    }
  const summary = (list: LoginCost[]): ArmSummary => {
    const walls = list.map((cost) => cost.wallMs);
    return {
      medianMs: median(walls),
      p90Ms: percentile(walls, 90),
      cpuMs: median(list.map((cost) => cost.cpuMs)),
    };
  };
  return {
    rounds: done,
    chart: summary(costs.chart),
    sameCalls: summary(costs.sameCalls),
    minimum: summary(costs.minimum),
  };
}
