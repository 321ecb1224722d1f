// What one flow costs the app: create + start, heap while parked in `sent`, events through the
// chart, and a new view. The network is stubbed at the edge (global fetch answers
// /passwordless/start), alike for both ways of creating an actor; HTTP is measured elsewhere.
import {
  createPasswordlessActions,
  createPasswordlessActor,
  getPasswordlessView,
  passwordlessMachine,
  waitForStep,
  type PasswordlessSnapshot,
} from '@passwordless-xstate/core';
import { createActor } from 'xstate';
import { median, microsEach, microsPerCall, settledHeapBytes, WARMUP_CALLS } from './stats.ts';

/**
 * Short timed runs, the median reported: a run that another process on the machine preempted does
 * not count. TICKs advance the clock 1 ms each, so all of them (22.5 s) fall inside the resend
 * cool-down and the chart stays in one state throughout.
 */
const REPEATS = 5;

const input = { domain: 'tenant.example', clientId: 'native-client-id' };

export interface ActorFigures {
  createStartMicros: { readme: number; plain: number };
  heapPerParkedBytes: { readme: number; plain: number };
  parked: number;
  tickEventsPerSecond: number;
  viewMicros: number;
}

type FlowActor = ReturnType<typeof createPasswordlessActor>;
const readmeActor = (): FlowActor => createPasswordlessActor(input);
const plainActor = (): FlowActor => createActor(passwordlessMachine, { input });

/** The edge we do not own: /passwordless/start answers at once, anything else is a bench bug. */
const stubFetch: typeof fetch = async (request) => {
  const url = request instanceof Request ? request.url : String(request);
  if (!url.endsWith('/passwordless/start')) throw new Error(`actor bench: unexpected request to ${url}`);
  return new Response(JSON.stringify({ _id: '0', email: 'parked@example.com', email_verified: false }), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });
};

/**
 * Each create + start timed alone, the stop right after it outside the clock (so no actors pile
 * up); both ways in alternating chunks, so neither gets the warmer JIT or the quieter moment.
 */
function createStartMicros(iterations: number, chunks = 5): { readme: number; plain: number } {
  const per = Math.ceil(iterations / chunks);
  const totals = { readme: 0, plain: 0 };
  for (let chunk = 0; chunk < chunks; chunk += 1)
    for (const [way, create] of [
      ['plain', plainActor],
      ['readme', readmeActor],
    ] as const)
      totals[way] += microsEach(
        per,
        () => create().start(),
        (actor) => actor.stop(),
      );
  return { readme: totals.readme / chunks, plain: totals.plain / chunks };
}

async function heapPerParked(create: () => FlowActor, count: number): Promise<number> {
  const before = await settledHeapBytes();
  const actors: FlowActor[] = [];
  for (let index = 0; index < count; index += 1) {
    const actor = create().start();
    createPasswordlessActions(actor.send).submitIdentifier(`parked-${index}@example.com`);
    actors.push(actor);
  }
  await Promise.all(actors.map((actor) => waitForStep(actor, 'code', { timeoutMs: 120_000 })));
  const after = await settledHeapBytes();
  for (const actor of actors) actor.stop();
  return (after - before) / count;
}

async function parkedActor(): Promise<FlowActor> {
  const actor = readmeActor().start();
  createPasswordlessActions(actor.send).submitIdentifier('ticking@example.com');
  await waitForStep(actor, 'code');
  return actor;
}

export async function measureActors({
  parked = 10_000,
  creates = 2_000,
  events = 4_000,
  views = 1_000,
} = {}): Promise<ActorFigures> {
  const realFetch = globalThis.fetch;
  globalThis.fetch = stubFetch;
  try {
    const heap = {
      plain: await heapPerParked(plainActor, parked),
      readme: await heapPerParked(readmeActor, parked),
    };
    const createStart = createStartMicros(creates);

    const ticking = await parkedActor();
    const base = ticking.getSnapshot().context.now;
    const tickRepeats: number[] = [];
    for (let repeat = 0; repeat < REPEATS; repeat += 1) {
      const offset = repeat * (WARMUP_CALLS + events);
      tickRepeats.push(
        microsPerCall(events, (index) => ticking.send({ type: 'TICK', now: base + offset + index })),
      );
    }
    ticking.stop();

    // Every view is of a snapshot never seen before, as after each event in an app.
    const viewing = await parkedActor();
    const viewBase = viewing.getSnapshot().context.now;
    const snapshots: PasswordlessSnapshot[] = [];
    for (let index = 0; index < REPEATS * (WARMUP_CALLS + views); index += 1) {
      viewing.send({ type: 'TICK', now: viewBase + index });
      snapshots.push(viewing.getSnapshot());
    }
    viewing.stop();
    const viewRepeats: number[] = [];
    for (let repeat = 0; repeat < REPEATS; repeat += 1) {
      const offset = repeat * (WARMUP_CALLS + views);
      viewRepeats.push(
        microsPerCall(views, (index) => {
          const snapshot = snapshots[offset + index];
          if (snapshot) getPasswordlessView(snapshot);
        }),
      );
    }

    return {
      createStartMicros: createStart,
      heapPerParkedBytes: heap,
      parked,
      tickEventsPerSecond: 1e6 / median(tickRepeats),
      viewMicros: median(viewRepeats),
    };
  } finally {
    globalThis.fetch = realFetch;
  }
}
