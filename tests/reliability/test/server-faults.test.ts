import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverRows, type ServerRow } from './server/rows.ts';
import {
  EXPECTED_CODE,
  FAULTS,
  RETRY_AFTER_SECONDS,
  isBodylessSuccess,
  type Fault,
} from './support/faults.ts';
import { writeResults } from './support/results.ts';
import { startServerLane, type ServerLane } from './support/server-lane.ts';
import { printTable } from './support/table.ts';
import { drainRejections, watchUnhandledRejections } from './support/unhandled.ts';

interface CellResult {
  flow: string;
  request: string;
  fault: Fault;
  outcome: string;
  step: string;
}

let stack: ServerLane;
const results: CellResult[] = [];
const rejections = watchUnhandledRejections();

beforeAll(async () => {
  stack = await startServerLane();
}, 60_000);

afterAll(async () => {
  rejections.stop();
  await stack?.close();
  if (results.length === 0) return;
  printTable(
    `Server mode (@passwordless-xstate/server → emulator): ${results.length} cells, each recovered once lifted`,
    ['flow', 'request', 'step after the fault', ...FAULTS],
    serverRows.map((row) => {
      const cells = results.filter((cell) => cell.flow === row.flow && cell.request === row.request);
      return [
        row.flow,
        row.request,
        [...new Set(cells.map((cell) => cell.step))].join(' / '),
        ...FAULTS.map((fault) => cells.find((cell) => cell.fault === fault)?.outcome ?? '—'),
      ];
    }),
  );
  writeResults('server-faults', { faults: FAULTS, cells: results });
});

async function runCell(row: ServerRow, fault: Fault): Promise<CellResult> {
  const { lane } = stack;
  lane.emulator.reset();
  await stack.redisClient.flushAll();
  const browser = stack.browser();
  try {
    await browser.settle();
    await row.prepare(browser, lane);
    lane.proxy.arm(row.match, fault);
    await row.trigger(browser, lane);
    const view = await browser.settle();
    expect(lane.proxy.hits, 'the fault met the request').toBeGreaterThan(0);
    const accepted = row.bodyless === true && isBodylessSuccess(fault);
    expect(view.step, JSON.stringify(view.error)).toBe(accepted ? row.acceptedStep : row.failedStep);
    const expected = EXPECTED_CODE[fault];
    if (accepted || row.silent) expect(view.error).toBeNull();
    else expect(view.error?.code).toBe(expected);
    if (row.silent) expect(view.logoutIncomplete).toBe(!accepted);
    if (fault === '429 Retry-After' && !accepted && !row.silent)
      expect(view.error?.retryAfter).toBe(RETRY_AFTER_SECONDS);
    expect(Object.values(view.can).some(Boolean), `something is offered at ${view.step}`).toBe(true);

    lane.proxy.lift();
    // Not for logout: its answer is the only place that says the revocation failed (a tick replaces it).
    if (fault === '429 Retry-After' && !accepted && !row.silent) await browser.tick(RETRY_AFTER_SECONDS + 1);
    await row.recover(browser, lane, accepted);
    await drainRejections();
    expect(rejections.take(), 'unhandled rejections').toEqual([]);
    return {
      flow: row.flow,
      request: row.request,
      fault,
      outcome: accepted ? 'ok (2xx)' : row.silent ? `${expected}: logoutIncomplete` : expected,
      step: view.step,
    };
  } finally {
    lane.proxy.lift();
    browser.flow.stop();
  }
}

describe('server mode: every request the server makes to Auth0 × every fault, seen from the browser', () => {
  describe.each(serverRows.map((row) => [`${row.flow}: ${row.request}`, row] as const))(
    '%s',
    (_name, row) => {
      it.each(FAULTS)(
        '%s',
        async (fault) => {
          results.push(await runCell(row, fault));
        },
        90_000,
      );
    },
  );
});
