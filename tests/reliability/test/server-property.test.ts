import type { PasswordlessEvent, PasswordlessView } from '@passwordless-xstate/core';
import { generateTotp } from '@passwordless-xstate/emulator';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ACTIONS } from './property/arbitraries.ts';
import { leaks } from './property/invariants.ts';
import { USERS, type TestUser } from './property/users.ts';
import { FAULTS, type Fault } from './support/faults.ts';
import { CLIENT_SECRET } from './support/lane.ts';
import { envCount, writeResults } from './support/results.ts';
import { startServerLane, type Browser, type ServerLane } from './support/server-lane.ts';
import { drainRejections, watchUnhandledRejections } from './support/unhandled.ts';

// The same seed variable as the browser-mode runs: one FC_SEED replays both.
const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
// Fewer than in browser mode: each step is an HTTP round trip through the server and Redis.
const numRuns = Math.max(1, Math.round(envCount('FC_RUNS', 100) * 0.4));
const maxCommands = envCount('FC_MAX_COMMANDS', 30);

type Trouble = Fault | 'Redis cut' | 'slow Redis';
type Command =
  | { kind: 'act'; pick: number; right: boolean; trouble: Trouble | null }
  | { kind: 'tick'; seconds: number }
  | { kind: 'reload' };

const trouble = fc.oneof(
  { weight: 6, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom<Trouble>(...FAULTS, 'Redis cut', 'slow Redis') },
);
const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('act' as const),
      pick: fc.oneof(fc.constant(0), fc.nat(5)),
      right: fc.boolean(),
      trouble,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('tick' as const), seconds: fc.constantFrom(5, 31, 181, 601) }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'reload' as const }) },
);

let stack: ServerLane;
const rejections = watchUnhandledRejections();
const figures = { seed, runs: 0, steps: 0, checks: 0, steps_by_view: new Set<string>() };

beforeAll(async () => {
  vi.spyOn(console, 'error').mockImplementation(() => {});
  stack = await startServerLane();
  console.log(
    `fast-check seed ${seed} (server mode): replay with FC_SEED=${seed} pnpm exec vitest run --project reliability test/server-property.test.ts`,
  );
}, 60_000);

afterAll(async () => {
  vi.restoreAllMocks();
  rejections.stop();
  await stack?.close();
  const { steps_by_view: steps, ...counts } = figures;
  writeResults('server-property', { ...counts, numRuns, maxCommands, stepsReached: [...steps].sort() });
});

const SIMPLE_EVENTS: Record<string, PasswordlessEvent> = {
  retry: { type: 'RETRY' },
  resend: { type: 'RESEND' },
  back: { type: 'BACK' },
  cancel: { type: 'CANCEL' },
  logout: { type: 'LOGOUT' },
  changeIdentifier: { type: 'CHANGE_IDENTIFIER' },
  useRecoveryCode: { type: 'USE_RECOVERY_CODE' },
  refresh: { type: 'REFRESH' },
  acknowledgeRecoveryCode: { type: 'ACKNOWLEDGE_RECOVERY_CODE' },
  handleMagicLinkCallback: { type: 'MAGIC_LINK_CALLBACK', callbackUrl: '' },
};

/** The event a person sends with the action the view offers at `pick`: the value they were given, or a wrong one. */
function eventFor(
  view: PasswordlessView,
  user: TestUser,
  pick: number,
  right: boolean,
): PasswordlessEvent | undefined {
  const offered = ACTIONS.filter((action) => view.can[action]);
  const action = offered[pick % Math.max(1, offered.length)];
  const newest = stack.lane.emulator.outbox().findLast((message) => message.code)?.code ?? '000000';
  const secret = view.mfa?.enrollment?.secret ?? user.totpSecret;
  switch (action) {
    case undefined:
      return undefined;
    case 'submitIdentifier':
      return {
        type: 'SUBMIT_IDENTIFIER',
        identifier: right ? user.identifier : 'nobody@',
        connection: user.connection,
      };
    case 'submitCode':
      return { type: 'SUBMIT_CODE', otp: right ? newest : '000000' };
    case 'submitMfaCode': {
      const otp =
        view.mfa?.challenge === 'otp' && secret ? generateTotp(secret, stack.lane.clock.now()) : newest;
      return { type: 'SUBMIT_MFA_CODE', otp: right ? otp : '000000' };
    }
    case 'selectAuthenticator':
      return {
        type: 'SELECT_AUTHENTICATOR',
        authenticatorId: view.mfa?.authenticators[pick % 3]?.id ?? 'nope',
      };
    case 'enroll':
      return { type: 'ENROLL', factor: right ? 'otp' : 'sms' };
    case 'submitRecoveryCode':
      return {
        type: 'SUBMIT_RECOVERY_CODE',
        recoveryCode: right ? (user.recoveryCode ?? 'NONE0000') : 'WRONG000',
      };
    default:
      return SIMPLE_EVENTS[action];
  }
}

async function untilStoreAnswers() {
  for (let waited = 0; ; waited += 20) {
    const ready = await stack.storeClient.ping().then(
      () => true,
      () => false,
    );
    if (ready) return;
    if (waited > 30_000) throw new Error('the server did not reconnect to Redis');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function withTrouble(which: Trouble | null, run: () => Promise<unknown>) {
  if (which === 'Redis cut') stack.redis.setMode('drop');
  else if (which === 'slow Redis') stack.redis.setMode({ delayMs: 50 });
  else if (which) stack.lane.proxy.arm(() => true, which);
  try {
    await run();
  } finally {
    stack.lane.proxy.lift();
    stack.redis.setMode('pass');
    await untilStoreAnswers();
  }
}

/** Broken invariants at a settled point of the page. */
function check(view: PasswordlessView, received: string[]): string[] {
  const broken: string[] = [];
  if (view.busy) broken.push('busy after settling');
  if (!Object.values(view.can).some(Boolean)) broken.push(`nothing offered at ${view.step}`);
  const back = view.can.cancel || view.can.changeIdentifier || view.can.logout;
  if (view.step !== 'identify' && !back) broken.push(`no way back to identify from ${view.step}`);
  const codes = stack.lane.emulator.outbox().flatMap((message) => (message.code ? [message.code] : []));
  // A token or sealed record would start `eyJ` (base64url of `{"`); the view carries neither.
  const found = leaks(received.join('\n'), [CLIENT_SECRET, 'eyJ', ...codes]);
  if (found.length > 0) broken.push(`secrets in what the browser received: ${found.join(', ')}`);
  return broken;
}

describe('server mode, random runs (fast-check): events, ticks, reloads, Auth0 and Redis faults', () => {
  it('the page is never stuck, always has a way back to identify, and never receives a secret', async () => {
    const property = fc.asyncProperty(
      fc.constantFrom(...USERS),
      fc.array(command, { minLength: 1, maxLength: maxCommands, size: 'max' }),
      async (user, commands) => {
        stack.lane.emulator.reset();
        await stack.redisClient.flushAll();
        const received: string[] = [];
        const cookies = new Map<string, string>();
        let page: Browser = stack.browser({ cookies, received });
        try {
          await page.settle();
          for (const next of commands) {
            figures.steps += 1;
            if (next.kind === 'reload') {
              page.flow.stop();
              page = stack.browser({ cookies, received });
            } else if (next.kind === 'tick') {
              await page.tick(next.seconds);
            } else {
              const event = eventFor(page.view(), user, next.pick, next.right);
              if (event)
                await withTrouble(next.trouble, async () => {
                  await page.send(event);
                  await page.settle();
                });
            }
            const view = await page.settle();
            figures.checks += 1;
            figures.steps_by_view.add(view.step);
            expect(check(view, received), `after ${JSON.stringify(next)} at ${view.step}`).toEqual([]);
          }
          // The way back, taken: cancel or sign out until the first step.
          for (let step = 0; step < 4 && page.view().step !== 'identify'; step++) {
            const view = await page.settle();
            const event: PasswordlessEvent = view.can.cancel
              ? { type: 'CANCEL' }
              : view.can.changeIdentifier
                ? { type: 'CHANGE_IDENTIFIER' }
                : { type: 'LOGOUT' };
            await page.send(event);
          }
          expect((await page.settle()).step).toBe('identify');
          await drainRejections();
          expect(rejections.take(), 'unhandled rejections').toEqual([]);
        } finally {
          page.flow.stop();
          figures.runs += 1;
        }
      },
    );
    await fc.assert(property, { seed, numRuns, endOnFailure: false });
  }, 600_000);
});
