import { describe, expect, it } from 'vitest';
import { createPasswordlessActor } from '../../src/machine/create.ts';
import { CHART_VERSION } from '../../src/machine/restore.ts';
import { getPasswordlessView } from '../../src/machine/view.ts';
import { createMemoryStorage, persistPasswordless } from '../../src/machine/persistence.ts';
import { chart, settle } from './harness.ts';

const options = { clientId: 'client', domain: 'tenant.test' };
const KEY = 'passwordless-xstate';

/** A real stored flow on the code step, as `persistPasswordless` writes it. */
async function storedCodeStep() {
  const storage = createMemoryStorage();
  const { actor } = chart();
  persistPasswordless(actor, storage);
  actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com' });
  await settle();
  actor.stop();
  return { storage, stored: JSON.parse(storage.getItem(KEY) ?? 'null') as Record<string, unknown> };
}

function resume(storage: ReturnType<typeof createMemoryStorage>) {
  const actor = createPasswordlessActor({ ...options, persist: { storage } });
  actor.start();
  return actor;
}

describe('resuming a stored flow', () => {
  it('writes the chart version beside the snapshot and resumes it', async () => {
    const { storage, stored } = await storedCodeStep();
    expect(stored).toMatchObject({ v: 1, chart: CHART_VERSION });
    const actor = resume(storage);
    expect(getPasswordlessView(actor.getSnapshot())).toMatchObject({
      identifier: 'alice@example.com',
      error: null,
    });
    actor.stop();
  });

  it.each([
    [
      'a state this chart does not have',
      (snapshot: Record<string, unknown>) => ({ ...snapshot, value: 'no_such_state' }),
    ],
    [
      'a nested state this chart does not have',
      (snapshot: Record<string, unknown>) => ({ ...snapshot, value: { identify: 'gone' } }),
    ],
    [
      'a context field missing',
      (snapshot: Record<string, unknown>) => {
        const { attemptsLeft: _dropped, ...context } = snapshot.context as Record<string, unknown>;
        return { ...snapshot, context };
      },
    ],
    [
      'a context field of another kind',
      (snapshot: Record<string, unknown>) => ({
        ...snapshot,
        context: { ...(snapshot.context as object), identifier: 42 },
      }),
    ],
  ])('discards a stored flow with %s, starts over and says so, without throwing', async (_, damage) => {
    const { storage, stored } = await storedCodeStep();
    storage.setItem(
      KEY,
      JSON.stringify({ ...stored, snapshot: damage(stored.snapshot as Record<string, unknown>) }),
    );
    const actor = resume(storage);
    expect(actor.getSnapshot().status).toBe('active');
    expect(getPasswordlessView(actor.getSnapshot())).toMatchObject({
      step: 'identify',
      identifier: '',
      error: { code: 'flow_discarded' },
    });
    expect(storage.getItem(KEY)).toBeNull();
    actor.stop();
  });

  it.each([
    [
      'another chart version',
      (stored: Record<string, unknown>) => JSON.stringify({ ...stored, chart: CHART_VERSION - 1 }),
    ],
    [
      'no chart version',
      (stored: Record<string, unknown>) => JSON.stringify({ ...stored, chart: undefined }),
    ],
    ['text that is not JSON', () => '{"v":1,'],
  ])('discards %s', async (_, write) => {
    const { storage, stored } = await storedCodeStep();
    storage.setItem(KEY, write(stored));
    const actor = resume(storage);
    expect(getPasswordlessView(actor.getSnapshot()).error?.code).toBe('flow_discarded');
    expect(storage.getItem(KEY)).toBeNull();
    actor.stop();
  });

  it('checks a snapshot passed as an option the same way', async () => {
    const { stored } = await storedCodeStep();
    const snapshot = { ...(stored.snapshot as object), value: 'no_such_state' };
    const actor = createPasswordlessActor({ ...options, snapshot: snapshot as never });
    actor.start();
    expect(getPasswordlessView(actor.getSnapshot())).toMatchObject({
      step: 'identify',
      error: { code: 'flow_discarded' },
    });
    actor.stop();
  });

  it('starts without a notice when nothing was stored', () => {
    const actor = resume(createMemoryStorage());
    expect(getPasswordlessView(actor.getSnapshot()).error).toBeNull();
    actor.stop();
  });
});
