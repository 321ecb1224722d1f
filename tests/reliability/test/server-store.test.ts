import { GRANT } from '@passwordless-xstate/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { request } from './matrix/row.ts';
import { act } from './server/rows.ts';
import { CLIENT_SECRET, codeFor } from './support/lane.ts';
import { writeResults } from './support/results.ts';
import { browserFetch, startServerLane, type Browser, type ServerLane } from './support/server-lane.ts';
import { drainRejections, watchUnhandledRejections } from './support/unhandled.ts';

const ALICE = 'alice@example.com';
/** The server's lease (flow-records.ts): how long a claimed flow stays held by a request that never committed. */
const LEASE_SECONDS = 120;
const otpExchange = request('POST', '/oauth/token', GRANT.passwordlessOtp);
const start = request('POST', '/passwordless/start');

let stack: ServerLane;
const rejections = watchUnhandledRejections();
const outcomes: Record<string, string> = {};

const serverLog: string[] = [];

beforeAll(async () => {
  // The server reports a failed request on the console: kept to check it names no secret.
  vi.spyOn(console, 'error').mockImplementation(
    (...args: unknown[]) => void serverLog.push(args.map(String).join(' ')),
  );
  stack = await startServerLane();
}, 60_000);

beforeEach(async () => {
  stack.lane.proxy.onRequest = null;
  stack.redis.setMode('pass');
  await untilStoreReady();
  stack.lane.emulator.reset();
  await stack.redisClient.flushAll();
});

afterAll(async () => {
  vi.restoreAllMocks();
  rejections.stop();
  await stack?.close();
  writeResults('server-store', outcomes);
});

/** Until the server's own Redis connection answers again (it notices a cut and reconnects by itself). */
async function untilStoreReady() {
  for (let waited = 0; ; waited += 20) {
    try {
      await stack.storeClient.ping();
      return;
    } catch (error) {
      if (waited > 30_000) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

async function atCodeStep(options: { timeoutMs?: number } = {}): Promise<Browser> {
  const browser = stack.browser(options);
  await browser.settle();
  await act(browser, 'submitIdentifier', { type: 'SUBMIT_IDENTIFIER', identifier: ALICE });
  expect(browser.view().step).toBe('code');
  return browser;
}

/** Posts an event as the browser would, to read the status the RemoteFlow turns into a view. */
async function post(browser: Browser, event: Record<string, unknown>) {
  const fetchAsBrowser = browserFetch(stack.origin, browser.cookies);
  const flow = (await (await fetchAsBrowser(`${stack.origin}/auth/passwordless/flow`)).json()) as {
    version: number;
  };
  const answer = await fetchAsBrowser(`${stack.origin}/auth/passwordless/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ event, version: flow.version }),
  });
  return { status: answer.status, body: (await answer.json()) as { error?: string; version?: number } };
}

async function signInWithCode(browser: Browser) {
  await act(browser, 'submitCode', { type: 'SUBMIT_CODE', otp: codeFor(stack.lane, ALICE) });
  expect(browser.view()).toMatchObject({ step: 'authenticated', error: null });
}

describe('server mode: faults between the server and Redis, concurrent events, lease expiry', () => {
  it('Redis cut: the browser sees `server`, nothing reached Auth0, and the same event works once Redis is back', async () => {
    const browser = await atCodeStep();
    const exchangesBefore = stack.lane.proxy.count(otpExchange);
    stack.redis.setMode('drop');
    await browser.send({ type: 'SUBMIT_CODE', otp: codeFor(stack.lane, ALICE) });
    const view = await browser.settle();
    expect(view).toMatchObject({ step: 'code', error: { code: 'server', status: 500 } });
    expect(view.can.submitCode).toBe(true);
    expect(stack.lane.proxy.count(otpExchange)).toBe(exchangesBefore);
    stack.redis.setMode('pass');
    await untilStoreReady();
    await signInWithCode(browser);
    outcomes['Redis connection cut'] = 'server (500) → same event works after reconnect';
  });

  it('slow Redis (every packet delayed 150 ms): a whole sign-in completes', async () => {
    stack.redis.setMode({ delayMs: 150 });
    const browser = await atCodeStep();
    await signInWithCode(browser);
    outcomes['slow Redis (150 ms per packet)'] = 'sign-in completes';
  });

  it('Redis black hole: the browser gives up with `timeout`, and goes on once the store answers again', async () => {
    const browser = await atCodeStep({ timeoutMs: 1500 });
    stack.redis.setMode('blackhole');
    await browser.send({ type: 'SUBMIT_CODE', otp: codeFor(stack.lane, ALICE) });
    expect(await browser.settle()).toMatchObject({ step: 'code', error: { code: 'timeout' } });
    stack.redis.setMode('pass');
    await untilStoreReady();
    await signInWithCode(browser);
    outcomes['Redis black hole'] = 'browser timeout → same event works after the store answers';
  });

  it('Redis cut between claim and commit: the lease holds the flow, and it resumes from its last waiting state when the lease expires', async () => {
    const browser = await atCodeStep();
    await browser.tick(browser.view().secondsUntilResend + 1);
    // The resend reaches Auth0 after the claim; the store is cut before the server can commit.
    stack.lane.proxy.onRequest = (seen) => {
      if (start(seen)) stack.redis.setMode('drop');
    };
    const startsBefore = stack.lane.proxy.count(start);
    await browser.send({ type: 'RESEND' });
    expect(await browser.settle()).toMatchObject({ error: { code: 'server' } });
    stack.lane.proxy.onRequest = null;
    stack.redis.setMode('pass');
    await untilStoreReady();

    const held = await post(browser, { type: 'RESEND' });
    expect(held).toMatchObject({ status: 409, body: { error: 'busy' } });
    expect(stack.lane.proxy.count(start)).toBe(startsBefore + 1);

    await browser.tick(LEASE_SECONDS + 1);
    expect(browser.view()).toMatchObject({ step: 'code', error: null });
    await act(browser, 'resend', { type: 'RESEND' });
    expect(stack.lane.proxy.count(start)).toBe(startsBefore + 2);
    await signInWithCode(browser);
    outcomes['Redis cut between claim and commit'] =
      '500, then 409 busy until the 2-minute lease expires, then the flow resumes';
  });

  it('five concurrent submits of one code: one reaches Auth0, the rest get 409 with the flow as it is', async () => {
    const browser = await atCodeStep();
    const otp = codeFor(stack.lane, ALICE);
    const exchangesBefore = stack.lane.proxy.count(otpExchange);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => post(browser, { type: 'SUBMIT_CODE', otp })),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409]);
    expect(stack.lane.proxy.count(otpExchange)).toBe(exchangesBefore + 1);
    outcomes['five concurrent submits on one flow'] =
      `statuses ${statuses.join(', ')}; Auth0 saw 1 code exchange`;
    await drainRejections();
    expect(rejections.take()).toEqual([]);
  });

  it("the server's log of those failures names them and holds no secret", () => {
    expect(serverLog.length).toBeGreaterThan(0);
    for (const line of serverLog) {
      expect(line).toMatch(/^\[passwordless-xstate\/server\] POST \/auth\/passwordless\/events failed: /);
      for (const secret of [CLIENT_SECRET, 'eyJ', 'mfa_token', 'refresh_token'])
        expect(line).not.toContain(secret);
    }
  });
});
