import { createRemoteFlow, type PasswordlessView, type RemoteFlow } from '@passwordless-xstate/core';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { TestBrowser } from './browser.ts';
import { startStack, type Stack } from './stack.ts';

interface Exchange {
  method: string;
  path: string;
  body: string;
  status: number | 'failed';
  keepalive: boolean;
}

/**
 * What a browser's fetch does for the hooks and Node's lacks: cookies (TestBrowser's jar) and the
 * page's `Origin` on POSTs. `to()` is the browser of the moment, so a test can move to another server.
 */
function browserFetch(to: () => TestBrowser, log: Exchange[]): typeof fetch {
  return async (input, init = {}) => {
    const browser = to();
    const url = new URL(String(input), browser.origin);
    const method = init.method ?? 'GET';
    const headers = new Headers(init.headers);
    if (method !== 'GET') headers.set('origin', browser.origin);
    const entry: Exchange = {
      method,
      path: url.pathname,
      body: String(init.body ?? ''),
      status: 'failed',
      keepalive: init.keepalive === true,
    };
    log.push(entry);
    const response = await browser.request(`${url.pathname}${url.search}`, { ...init, headers });
    entry.status = response.status;
    return response;
  };
}

async function until(
  flow: RemoteFlow,
  check: (view: PasswordlessView) => boolean,
): Promise<PasswordlessView> {
  await vi.waitFor(
    () => {
      const { step, busy, error } = flow.getView();
      if (!check(flow.getView())) throw new Error(`still ${JSON.stringify({ step, busy, error })}`);
    },
    { timeout: 15_000, interval: 10 },
  );
  return flow.getView();
}

const ready = (view: PasswordlessView) => !view.busy && view.can.submitIdentifier;
const events = (log: Exchange[], type: string) =>
  log.filter((entry) => entry.path.endsWith('/events') && JSON.parse(entry.body).event.type === type);

let stack: Stack;
const flows: RemoteFlow[] = [];
beforeAll(async () => void (stack = await startStack()));
afterEach(() => flows.splice(0).forEach((flow) => flow.stop()));
afterAll(() => stack.close());

function remoteFlow(browser: () => TestBrowser, log: Exchange[] = [], now?: () => number) {
  const flow = createRemoteFlow({
    server: '/auth/passwordless',
    fetch: browserFetch(browser, log),
    ...(now ? { now } : {}),
  });
  flows.push(flow);
  return flow;
}

const startsTo = (identifier: string) =>
  stack.calls.filter((call) => call.url.endsWith('/passwordless/start') && call.body.includes(identifier));

describe('createRemoteFlow against the server and the emulator', () => {
  it('signs in by e-mail code with send(), and logs out', async () => {
    const browser = new TestBrowser(stack.origin);
    const log: Exchange[] = [];
    const flow = remoteFlow(() => browser, log);
    expect(flow.getView()).toMatchObject({ step: 'identify', can: { submitIdentifier: false } });
    flow.start();
    await until(flow, ready);

    flow.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'remote@example.com' });
    // While the server works, the same steps as the chart in a browser: sending, verifying, signing out.
    expect(flow.getView()).toMatchObject({ step: 'sending', busy: true, can: { submitIdentifier: false } });
    await until(flow, (view) => view.step === 'code' && !view.busy);
    expect(flow.getView()).toMatchObject({ identifier: 'remote@example.com', can: { submitCode: true } });

    flow.send({ type: 'SUBMIT_CODE', otp: stack.emulator.latestCode('remote@example.com') ?? '' });
    expect(flow.getView()).toMatchObject({ step: 'verifying', busy: true });
    const signedIn = await until(flow, (view) => view.step === 'authenticated');
    expect(signedIn).toMatchObject({ user: { email: 'remote@example.com' }, session: null, error: null });
    expect(browser.jar.has('pwl-session')).toBe(true);

    flow.send({ type: 'LOGOUT' });
    expect(flow.getView()).toMatchObject({ step: 'signing_out', busy: true });
    await until(flow, ready);
    expect(browser.jar.size).toBe(0);
    expect(log.map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual([
      'GET /auth/passwordless/flow 200',
      'POST /auth/passwordless/events 200',
      'POST /auth/passwordless/events 200',
      'POST /auth/passwordless/logout 200',
    ]);
    // Only the sign-out outlives the page: leaving right after "Log out" must not cancel it.
    expect(log.filter((entry) => entry.keepalive).map((entry) => entry.path)).toEqual([
      '/auth/passwordless/logout',
    ]);
  });

  it('sends one request for a double submit, and nothing for REFRESH or a magic-link callback', async () => {
    const browser = new TestBrowser(stack.origin);
    const log: Exchange[] = [];
    const flow = remoteFlow(() => browser, log);
    flow.start();
    await until(flow, ready);
    flow.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'double@example.com' });
    flow.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'double@example.com' });
    await until(flow, (view) => view.step === 'code' && !view.busy);
    flow.send({ type: 'REFRESH' });
    flow.send({
      type: 'MAGIC_LINK_CALLBACK',
      callbackUrl: `${stack.origin}/auth/passwordless/callback?code=x`,
    });
    expect(events(log, 'SUBMIT_IDENTIFIER')).toHaveLength(1);
    expect(log).toHaveLength(2);
    expect(startsTo('double@example.com')).toHaveLength(1);
  });

  it('adopts the view of a 409 when another tab moved the flow on, and goes on from there', async () => {
    const browser = new TestBrowser(stack.origin);
    const log: Exchange[] = [];
    const first = remoteFlow(() => browser, log);
    const second = remoteFlow(() => browser, log);
    first.start();
    second.start();
    await until(first, ready);
    await until(second, ready);

    first.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'tabs@example.com' });
    await until(first, (view) => view.step === 'code' && !view.busy);
    second.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'tabs@example.com' });
    const adopted = await until(second, (view) => view.step === 'code' && !view.busy);
    expect(adopted).toMatchObject({ identifier: 'tabs@example.com', error: null, can: { submitCode: true } });
    expect(log.at(-1)?.status).toBe(409);
    expect(startsTo('tabs@example.com')).toHaveLength(1);

    second.send({ type: 'SUBMIT_CODE', otp: stack.emulator.latestCode('tabs@example.com') ?? '' });
    await until(second, (view) => view.step === 'authenticated');
    expect(log.at(-1)?.status).toBe(200);
  });

  it('says so when another tab holds the flow, and catches up by itself once it is free', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    // This stack's Auth0 calls wait, when asked to, until the test lets them go.
    let holdNextToken = false;
    const own = await startStack({
      emulator: stack.emulator,
      fetch: async (input, init) => {
        const request = new Request(input, init);
        if (holdNextToken && request.url.endsWith('/oauth/token')) {
          holdNextToken = false;
          await held;
        }
        return globalThis.fetch(request);
      },
    });
    try {
      const browser = new TestBrowser(own.origin);
      const log: Exchange[] = [];
      const first = remoteFlow(() => browser, log);
      const second = remoteFlow(() => browser, log);
      first.start();
      await until(first, ready);
      first.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'held@example.com' });
      await until(first, (view) => view.step === 'code' && !view.busy);
      second.start();
      await until(second, (view) => view.step === 'code' && !view.busy);

      const otp = stack.emulator.latestCode('held@example.com') ?? '';
      holdNextToken = true;
      first.send({ type: 'SUBMIT_CODE', otp });
      await vi.waitFor(() => expect(holdNextToken).toBe(false), { timeout: 15_000 });
      second.send({ type: 'SUBMIT_CODE', otp });
      const refused = await until(second, (view) => view.error !== null && !view.busy);
      expect(refused).toMatchObject({ step: 'code', error: { code: 'flow_busy' } });
      expect(refused.error?.retryAfter).toBeGreaterThan(0);
      expect(log.at(-1)).toMatchObject({ path: '/auth/passwordless/events', status: 409 });

      release();
      await until(first, (view) => view.step === 'authenticated');
      // No click: the second tab looks again after Retry-After and finds the session.
      const caughtUp = await until(second, (view) => view.step === 'authenticated');
      expect(caughtUp.error).toBeNull();
      expect(log.at(-1)).toMatchObject({ method: 'GET', path: '/auth/passwordless/flow', status: 200 });
    } finally {
      release();
      await own.close();
    }
  });

  it('counts down from absolute deadlines on the local clock plus its offset, and TICKs when one passes', async () => {
    // The chart stamps a sent code with the real clock, so the server's clock runs with it, shifted.
    let serverShift = 0;
    const timed = await startStack({ emulator: stack.emulator, now: () => Date.now() + serverShift });
    try {
      // Far from the server's clock: only the measured offset can make the countdowns right.
      let localTime = 1_000_000;
      const browser = new TestBrowser(timed.origin);
      const log: Exchange[] = [];
      const flow = remoteFlow(
        () => browser,
        log,
        () => localTime,
      );
      flow.start();
      await until(flow, ready);
      flow.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'clock@example.com' });
      const sent = await until(flow, (view) => view.step === 'code' && !view.busy);
      expect(sent).toMatchObject({ secondsUntilResend: 30, secondsUntilExpiry: 180, can: { resend: false } });

      localTime += 10_000;
      await until(flow, (view) => view.secondsUntilResend === 20);
      expect(flow.getView()).toMatchObject({ secondsUntilExpiry: 170, codeExpired: false });
      expect(events(log, 'TICK')).toHaveLength(0);

      // Only this browser's clock ran on: the server, asked once, says the cooldown still runs.
      localTime += 20_000;
      await until(flow, () => events(log, 'TICK').length === 1 && !flow.getView().busy);
      expect(flow.getView().secondsUntilResend).toBeGreaterThan(20);
      expect(flow.getView().can.resend).toBe(false);

      serverShift += 30_000;
      localTime += 30_000;
      await until(flow, (view) => view.can.resend);
      expect(flow.getView().secondsUntilResend).toBe(0);
      expect(flow.getView().secondsUntilExpiry).toBeLessThanOrEqual(150);
      expect(events(log, 'TICK')).toHaveLength(2);

      // Stopped, nothing runs: however far the clock moves, no view changes and nothing is sent.
      const before = flow.getView();
      flow.stop();
      localTime += 600_000;
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect(flow.getView()).toBe(before);
      expect(log).toHaveLength(4);
    } finally {
      await timed.close();
    }
    // Four turns of the real 1 s timer, and one more to see that a stopped flow stays still.
  }, 15_000);

  it('keeps the view on a 429 and says when to try again', async () => {
    const browser = new TestBrowser(stack.origin);
    const flow = remoteFlow(() => browser);
    flow.start();
    await until(flow, ready);
    flow.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'eager@example.com' });
    await until(flow, (view) => view.step === 'code' && !view.busy);
    // The chart would not offer a resend this early; a script that asks anyway is refused by the server.
    flow.send({ type: 'RESEND' });
    const limited = await until(flow, (view) => view.error !== null && !view.busy);
    expect(limited).toMatchObject({
      step: 'code',
      error: { code: 'rate_limited', status: 429 },
      can: { submitCode: true },
    });
    expect(limited.error?.retryAfter).toBeGreaterThan(0);
    expect(limited.error?.retryAfter).toBeLessThanOrEqual(30);
    expect(limited.error?.message).toMatch(/resend/i);

    flow.send({ type: 'SUBMIT_CODE', otp: stack.emulator.latestCode('eager@example.com') ?? '' });
    expect(await until(flow, (view) => view.step === 'authenticated')).toMatchObject({ error: null });
  });

  it('turns an unreachable server into a network error, and works again once it is back', async () => {
    const servers = [stack, await startStack({ emulator: stack.emulator })];
    const down = servers[1] as Stack;
    let browser = new TestBrowser(down.origin);
    const flow = remoteFlow(() => browser);
    await down.close();

    flow.start();
    const failed = await until(flow, (view) => view.error !== null && !view.busy);
    expect(failed).toMatchObject({
      error: { code: 'network' },
      can: { retry: true, submitIdentifier: false },
    });

    browser = new TestBrowser(stack.origin);
    flow.send({ type: 'RETRY' });
    expect(await until(flow, ready)).toMatchObject({ error: null });

    const later = await startStack({ emulator: stack.emulator });
    browser = new TestBrowser(later.origin);
    await later.close();
    flow.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'offline@example.com' });
    const offline = await until(flow, (view) => view.error !== null && !view.busy);
    expect(offline).toMatchObject({
      step: 'identify',
      error: { code: 'network' },
      can: { submitIdentifier: true },
    });

    browser = new TestBrowser(stack.origin);
    flow.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'offline@example.com' });
    expect(await until(flow, (view) => view.step === 'code' && !view.busy)).toMatchObject({ error: null });
  });

  it('turns an HTML page where the flow should be into invalid_response', async () => {
    // A dev server's SPA fallback answers index.html for any path it does not proxy.
    const spa = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><div id="app"></div>');
    });
    await new Promise<void>((resolve) => spa.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = spa.address() as AddressInfo;
      const browser = new TestBrowser(`http://127.0.0.1:${port}`);
      const flow = remoteFlow(() => browser);
      flow.start();
      expect(await until(flow, (view) => view.error !== null && !view.busy)).toMatchObject({
        error: { code: 'invalid_response', status: 200 },
        can: { retry: true },
      });
    } finally {
      await new Promise((resolve) => spa.close(resolve));
    }
  });
});
