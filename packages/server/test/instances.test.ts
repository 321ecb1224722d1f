import { startEmulator, type RunningEmulator } from '@passwordless-xstate/emulator';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisFlowStore } from '../src/store/redis.ts';
import { TestBrowser } from './browser.ts';
import { currentTotp, latestMessage } from './outbox.ts';
import { startRedisServer } from './store/redis-server.ts';
import { startStack, type Stack } from './stack.ts';

let redis: Awaited<ReturnType<typeof startRedisServer>>;
let emulator: RunningEmulator;
const connect = () => createClient({ url: redis.url }).connect();
let clients: Array<Awaited<ReturnType<typeof connect>>>;
let first: Stack;
let second: Stack;

beforeAll(async () => {
  redis = await startRedisServer();
  emulator = await startEmulator({ port: 0, log: false });
  clients = await Promise.all([connect(), connect()]);
  const [a, b] = clients as [(typeof clients)[number], (typeof clients)[number]];
  first = await startStack({ emulator, store: redisFlowStore({ client: a }) });
  second = await startStack({ emulator, store: redisFlowStore({ client: b }) });
});
afterAll(async () => {
  await Promise.all([first?.close(), second?.close()]);
  await Promise.all((clients ?? []).map((client) => client.quit()));
  await emulator?.close();
  await redis?.stop();
});

/** One browser behind a load balancer: the same cookies, a different instance per request. */
function balanced(): { on: (stack: Stack) => TestBrowser } {
  const jar = new Map<string, string>();
  let version = 0;
  return {
    on: (stack) => {
      const browser = new TestBrowser(stack.origin);
      for (const [name, value] of jar) browser.jar.set(name, value);
      browser.version = version;
      const send = browser.send.bind(browser);
      browser.send = async (event, headers) => {
        const answer = await send(event, headers);
        jar.clear();
        for (const [name, value] of browser.jar) jar.set(name, value);
        version = browser.version;
        return answer;
      };
      return browser;
    },
  };
}

describe('two server instances share one Redis', () => {
  it('a code flow started on one finishes on the other', async () => {
    const browser = balanced();
    await browser.on(first).send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com' });
    const otp = (await latestMessage(emulator.url, 'alice@example.com')).code ?? '';
    const done = await browser.on(second).send({ type: 'SUBMIT_CODE', otp });
    expect(done.body.view).toMatchObject({ step: 'authenticated', user: { email: 'alice@example.com' } });
  });

  it('MFA: the code on one, the TOTP on the other', async () => {
    const browser = balanced();
    await browser.on(second).send({ type: 'SUBMIT_IDENTIFIER', identifier: 'totp@example.com' });
    const otp = (await latestMessage(emulator.url, 'totp@example.com')).code ?? '';
    expect((await browser.on(first).send({ type: 'SUBMIT_CODE', otp })).body.view?.step).toBe('mfa_otp');
    const totp = await currentTotp(emulator.url, 'totp@example.com');
    const done = await browser.on(second).send({ type: 'SUBMIT_MFA_CODE', otp: totp });
    expect(done.body.view).toMatchObject({ step: 'authenticated' });
  });

  it('20 concurrent submits spread over both instances reach Auth0 once', async () => {
    const browser = balanced();
    await browser.on(first).send({ type: 'SUBMIT_IDENTIFIER', identifier: 'race-redis@example.com' });
    const otp = (await latestMessage(emulator.url, 'race-redis@example.com')).code ?? '';
    const tokenCalls = () =>
      [...first.calls, ...second.calls].filter((call) => call.url.endsWith('/oauth/token')).length;
    const before = tokenCalls();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        browser.on(index % 2 ? first : second).send({ type: 'SUBMIT_CODE', otp }),
      ),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 409)).toHaveLength(19);
    expect(tokenCalls() - before).toBe(1);
  });
});
