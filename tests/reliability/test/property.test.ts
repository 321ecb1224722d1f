import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command, setup } from './property/arbitraries.ts';
import { PropertyRun } from './property/run.ts';
import { startLane, type Lane } from './support/lane.ts';
import { envCount, writeResults } from './support/results.ts';
import { drainRejections, watchUnhandledRejections } from './support/unhandled.ts';

// FC_SEED (and FC_PATH, printed with a failure) replay a run exactly; the counts grow for a soak.
const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
const path = process.env.FC_PATH;
const numRuns = envCount('FC_RUNS', 100);
const maxCommands = envCount('FC_MAX_COMMANDS', 30);

let lane: Lane;
const rejections = watchUnhandledRejections();
const figures = { seed, runs: 0, steps: 0, checks: 0, backgroundOverlaps: 0, states: new Set<string>() };

beforeAll(async () => {
  lane = await startLane();
  console.log(
    `fast-check seed ${seed}: replay with FC_SEED=${seed} pnpm exec vitest run --project reliability test/property.test.ts`,
  );
});

afterAll(async () => {
  rejections.stop();
  await lane?.close();
  const { states, ...counts } = figures;
  console.log(
    `property runs: ${counts.runs} runs, ${counts.steps} steps, ${counts.checks} invariant checks held, ${states.size} distinct states (seed ${seed})`,
  );
  writeResults('property', { ...counts, numRuns, maxCommands, distinctStates: [...states].sort() });
});

describe('random events, clock ticks, reloads and faults (fast-check)', () => {
  it('keep the invariants: one request at a time, a way back to identify, no secret stored or inspected, view.can = snapshot.can', async () => {
    const property = fc.asyncProperty(
      setup,
      fc.array(command, { minLength: 1, maxLength: maxCommands, size: 'max' }),
      async (runSetup, commands) => {
        lane.emulator.reset();
        const run = new PropertyRun(lane, runSetup);
        await run.start();
        try {
          for (const next of commands) {
            await run.execute(next);
            const broken = await run.check();
            figures.checks += 1;
            figures.states.add(run.state());
            expect(broken, `after ${JSON.stringify(next)} at ${run.state()}`).toEqual([]);
          }
          await drainRejections();
          expect(rejections.take(), 'unhandled rejections').toEqual([]);
        } finally {
          run.stop();
          figures.runs += 1;
          figures.steps += run.steps;
          figures.backgroundOverlaps += run.backgroundOverlaps;
        }
      },
    );
    await fc.assert(property, { seed, numRuns, ...(path ? { path } : {}), endOnFailure: false });
  }, 600_000);
});
