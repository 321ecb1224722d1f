// `pnpm bench`: what the chart costs the app per event, per tick and per view, with the network
// stubbed out (the emulator's own bench measures HTTP). Prints a table; bounded in time.
import { createActor, fromCallback, fromPromise } from 'xstate';
import { passwordlessMachine } from '../src/machine/machine.ts';
import { getPasswordlessView } from '../src/machine/view.ts';
import type { Session } from '../src/machine/types.ts';

const session: Session = {
  tokens: { accessToken: 'a', tokenType: 'Bearer', expiresAt: Date.now() + 3600_000 },
  claims: null,
  user: null,
};
const stubbed = passwordlessMachine.provide({
  actors: {
    ticker: fromCallback(() => {}),
    startPasswordless: fromPromise(async () => ({ sentAt: Date.now() })),
    exchangeOtp: fromPromise(async () => session),
  },
});
const input = { clientId: 'client', domain: 'tenant.test' };

function measure(name: string, iterations: number, run: (index: number) => void | Promise<void>) {
  return async () => {
    for (let index = 0; index < Math.min(200, iterations); index += 1) await run(index); // warm-up
    const started = performance.now();
    for (let index = 0; index < iterations; index += 1) await run(index);
    const elapsed = performance.now() - started;
    return {
      case: name,
      iterations,
      'µs per op': +((elapsed * 1000) / iterations).toFixed(2),
      'ops/s': Math.round((iterations / elapsed) * 1000),
    };
  };
}

const ticking = createActor(stubbed, { input }).start();
ticking.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com' });
await new Promise((resolve) => setTimeout(resolve, 0));

const cases = [
  measure('create + start an actor', 2000, () => {
    createActor(stubbed, { input }).start().stop();
  }),
  measure('full code login (stubbed HTTP)', 1000, async () => {
    const actor = createActor(stubbed, { input }).start();
    actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    actor.send({ type: 'SUBMIT_CODE', otp: '123456' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    actor.stop();
  }),
  measure('TICK on the code step', 20_000, (index) => {
    ticking.send({ type: 'TICK', now: Date.now() + index });
  }),
  measure('view of a new snapshot', 20_000, (index) => {
    ticking.send({ type: 'TICK', now: Date.now() + index });
    getPasswordlessView(ticking.getSnapshot());
  }),
];

const rows = [];
for (const run of cases) rows.push(await run());
console.table(rows);
