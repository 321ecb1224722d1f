import { stateValuePaths } from '@passwordless-xstate/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstFactorRows } from './matrix/first-factor-rows.ts';
import { mfaRows } from './matrix/mfa-rows.ts';
import type { Cell, MatrixRow } from './matrix/row.ts';
import { sessionRows } from './matrix/session-rows.ts';
import {
  EXPECTED_CODE,
  FAULTS,
  RETRY_AFTER_SECONDS,
  isBodylessSuccess,
  type Fault,
} from './support/faults.ts';
import { startFlow, startLane, type Lane } from './support/lane.ts';
import { printTable } from './support/table.ts';
import { writeResults } from './support/results.ts';
import { drainRejections, watchUnhandledRejections } from './support/unhandled.ts';

const rows: MatrixRow[] = [...firstFactorRows, ...mfaRows, ...sessionRows];

interface CellResult {
  flow: string;
  request: string;
  fault: Fault;
  /** The error code the request failed with, or `ok (2xx)` where any 2xx counts as done. */
  outcome: string;
  state: string;
  wayForward: string;
}

const results: CellResult[] = [];
let lane: Lane;
const rejections = watchUnhandledRejections();

beforeAll(async () => {
  lane = await startLane();
});

afterAll(async () => {
  rejections.stop();
  await lane?.close();
  if (results.length === 0) return;
  printMatrix();
  writeResults('fault-matrix', { faults: FAULTS, cells: results });
});

function printMatrix() {
  const header = ['flow', 'request', 'state after the fault', 'way forward', ...FAULTS];
  const lines = rows.map((row) => {
    const cells = results.filter((cell) => cell.flow === row.flow && cell.request === row.request);
    const states = [...new Set(cells.map((cell) => cell.state))].join(' / ');
    return [
      row.flow,
      row.request,
      states,
      row.wayForward,
      ...FAULTS.map((fault) => cells.find((cell) => cell.fault === fault)?.outcome ?? '—'),
    ];
  });
  printTable(
    `Fault matrix: ${results.length} cells, each recovered once the fault was lifted`,
    header,
    lines,
  );
}

/** The part of the state value a person would name: the leaves, without the parallel resend timer. */
const stateName = (value: unknown) => stateValuePaths(value).join(' + ');

async function runCell(row: MatrixRow, fault: Fault): Promise<CellResult> {
  lane.emulator.reset();
  const flow = startFlow(lane, { clientId: 'pwl-native', ...row.options });
  const cell: Cell = { lane, flow, fault, memo: {} };
  try {
    await row.prepare(cell);
    lane.proxy.arm(row.match, fault);
    await row.trigger(cell);
    await flow.settle();
    expect(lane.proxy.hits, 'the fault met the request').toBeGreaterThan(0);

    const accepted = row.bodyless === true && isBodylessSuccess(fault);
    const snapshot = flow.snapshot();
    const view = flow.view();
    expect(
      snapshot.matches((accepted ? row.acceptedAt : row.failedAt) as never),
      stateName(snapshot.value),
    ).toBe(true);
    const expected = EXPECTED_CODE[fault];
    if (accepted) {
      expect(flow.actorErrors).toEqual([]);
      expect(view.error).toBeNull();
    } else {
      expect(flow.actorErrors.at(-1), 'the request failed with').toBe(expected);
      if (row.silent) expect(view.logoutIncomplete).toBe(true);
      else expect(view.error?.code).toBe(expected);
      if (fault === '429 Retry-After' && !row.silent)
        expect(view.error?.retryAfter).toBe(RETRY_AFTER_SECONDS);
    }
    // Not stuck: nothing in flight, and at least one thing to do.
    expect(view.busy).toBe(false);
    expect(Object.values(view.can).some(Boolean), `something is offered at ${view.step}`).toBe(true);
    const outcome = accepted ? 'ok (2xx)' : expected;
    const state = stateName(snapshot.value);

    lane.proxy.lift();
    if (fault === '429 Retry-After' && !accepted) await flow.tick(RETRY_AFTER_SECONDS + 1);
    await row.recover(cell, accepted);
    await drainRejections();
    expect(rejections.take(), 'unhandled rejections').toEqual([]);
    return { flow: row.flow, request: row.request, fault, outcome, state, wayForward: row.wayForward };
  } finally {
    lane.proxy.lift();
    flow.stop();
  }
}

describe('fault matrix: every request of every flow × every fault', () => {
  describe.each(rows.map((row) => [`${row.flow}: ${row.request}`, row] as const))('%s', (_name, row) => {
    it.each(FAULTS)(
      '%s',
      async (fault) => {
        results.push(await runCell(row, fault));
      },
      60_000,
    );
  });
});
