import { allowedActions, sampleEvents } from '../../src/machine/allowed-actions.ts';
import { getShortestPaths, getStateNodes } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import { createActor, fromCallback, fromPromise, getNextSnapshot, type AnyStateNode } from 'xstate';
import { toPublicView, viewAt } from '../../src/machine/public-view.ts';
import { getPasswordlessView } from '../../src/machine/view.ts';
import { pendingStep } from '../../src/remote/pending-step.ts';
import { rateLimitActive, resumesPreviousSend } from '../../src/machine/rules.ts';
import { passwordlessMachine } from '../../src/machine/machine.ts';
import type { PasswordlessEvent } from '../../src/machine/types.ts';
import type { PasswordlessSnapshot } from '../../src/machine/view.ts';
import { modelEvents, T } from './events.ts';

const input = { clientId: 'client', domain: 'tenant.test', redirectUri: 'https://app.test/callback' };

/** Actors that never settle on their own: the path's own done/error events decide their outcome. */
const pending = fromPromise(() => new Promise<never>(() => {}));
const model = passwordlessMachine.provide({
  actors: Object.fromEntries(
    Object.keys(passwordlessMachine.implementations.actors).map((name) => [
      name,
      name === 'ticker' || name === 'linkUseWatcher' ? fromCallback(() => {}) : pending,
    ]),
  ),
});

// What distinguishes one reachable situation from another; plain `now` would make the space infinite.
const serializeState = (snapshot: PasswordlessSnapshot) => {
  const { context } = snapshot;
  return JSON.stringify([
    snapshot.value,
    context.send,
    Math.min(context.attemptsLeft, 1),
    context.mfa?.enrollment?.factor ?? null,
    context.mfa?.challenge?.type ?? null,
    context.mfa?.hasRecoveryCode ?? null,
    context.mfa?.authenticators.length ?? null,
    context.session !== null,
    context.newRecoveryCode !== null,
    context.now > T + 1_000_000,
  ]);
};

const paths = getShortestPaths(model, {
  input,
  events: modelEvents,
  serializeState: (snapshot) => serializeState(snapshot as PasswordlessSnapshot),
  limit: 500_000,
});

const statePaths = (snapshot: PasswordlessSnapshot) =>
  snapshot._nodes
    .filter((node: AnyStateNode) => node.parent !== undefined)
    .map((node: AnyStateNode) => node.id);

function describeEvent(event: { type: string; error?: unknown }): string {
  const actor = /^xstate\.(done|error)\.actor\.(\w+)$/.exec(event.type);
  if (actor) return `${actor[2]} ${actor[1] === 'done' ? 'ok' : (event.error as { code?: string }).code}`;
  if (event.type.startsWith('xstate.after.')) return `timeout in ${event.type.split('.').at(-1)}`;
  return event.type;
}

const visitedStates = new Set<string>();
const takenTransitions = new Set<string>();

/** A real actor of the model, at time T, that records visited states and transitions taken. */
function startReplay() {
  const actor = createActor(model, {
    input,
    // Microsteps also show the transient states (the `routing` ones) and each transition taken.
    inspect: (event) => {
      if (event.type !== '@xstate.microstep' || event.actorRef !== actor) return;
      for (const id of statePaths(event.snapshot as PasswordlessSnapshot)) visitedStates.add(id);
      for (const transition of event._transitions)
        takenTransitions.add(`${transition.source.id} ${transition.eventType}`);
    },
  }).start();
  actor.send({ type: 'TICK', now: T });
  return actor;
}

describe('model-based: every shortest path of the chart, replayed on a real actor', () => {
  it('reaches a meaningful number of situations', () => {
    expect(paths.length).toBeGreaterThan(100);
  });

  it.each(
    paths.map(
      (path) =>
        [
          path.steps
            .slice(1)
            .map((step) => describeEvent(step.event))
            .join(' → ') || '(start)',
          path,
        ] as const,
    ),
  )('%s', (_name, path) => {
    const actor = startReplay();
    // The first step is the machine's own `xstate.init`.
    for (const step of path.steps.slice(1)) {
      actor.send(step.event);
      expect(serializeState(actor.getSnapshot())).toBe(serializeState(step.state as PasswordlessSnapshot));
    }
    for (const id of statePaths(actor.getSnapshot())) visitedStates.add(id);
    actor.stop();
  });

  it('has a way out of every reached situation, and every event transition is enabled somewhere', () => {
    for (const path of paths) {
      const snapshot = path.state as PasswordlessSnapshot;
      for (const event of modelEvents) {
        for (const transition of model.getTransitionData(snapshot, event)) {
          takenTransitions.add(`${transition.source.id} ${transition.eventType}`);
        }
      }
      // Eventless (`always`) transitions fire on time passing: replay the path once more and let it pass.
      const actor = startReplay();
      for (const step of path.steps.slice(1)) actor.send(step.event);
      actor.send({ type: 'TICK', now: T + 100_000_000 });
      actor.stop();
      // The person can always cancel, change course, retry or sign out.
      const canLeave = ['CANCEL', 'CHANGE_IDENTIFIER', 'LOGOUT', 'BACK', 'RETRY'].some((type) =>
        snapshot.can({ type } as PasswordlessEvent),
      );
      expect(canLeave || snapshot.matches({ identify: 'editing' }), serializeState(snapshot)).toBe(true);
    }
  });

  it('allows in the view exactly the actions the chart accepts, in every reached situation', () => {
    for (const path of paths) {
      const snapshot = path.state as PasswordlessSnapshot;
      const accepted = Object.fromEntries(
        Object.entries(sampleEvents(snapshot.context)).map(([name, event]) => [name, snapshot.can(event)]),
      );
      expect(allowedActions(snapshot), serializeState(snapshot)).toEqual(accepted);
    }
  });

  it('predicts in server mode the step the chart shows while a request runs, in every reached situation', () => {
    // What a server-mode browser sends: no clock, and no REFRESH or link callback (the server's own).
    const sentByBrowser = modelEvents.filter(
      (event) => !/^xstate\.|^(TICK|REFRESH|MAGIC_LINK_CALLBACK)$/.test(event.type),
    ) as PasswordlessEvent[];
    let predicted = 0;
    for (const path of paths) {
      const snapshot = path.state as PasswordlessSnapshot;
      // What the browser of a server-mode flow holds: the public view, brought to the present.
      const before = viewAt(toPublicView(snapshot), snapshot.context.now);
      for (const event of sentByBrowser) {
        if (!snapshot.can(event)) continue;
        const after = getPasswordlessView(getNextSnapshot(model, snapshot, event));
        const expected = after.busy ? after.step : before.step;
        const label = `${serializeState(snapshot)} ${JSON.stringify(event)}`;
        // Answered by the server at once without Auth0 (a rate limit's wait, a send resumed), with
        // facts the public view does not carry: the progress step shows for that short request.
        const answeredAtOnce =
          rateLimitActive(snapshot.context) ||
          (event.type === 'SUBMIT_IDENTIFIER' && resumesPreviousSend(snapshot.context, event));
        if (answeredAtOnce && !after.busy) continue;
        expect(pendingStep(before, event), label).toBe(expected);
        if (expected !== before.step) predicted += 1;
      }
    }
    expect(predicted).toBeGreaterThan(10);
  });

  it('covers every state of the chart', () => {
    const all = getStateNodes(passwordlessMachine.root).map((node: AnyStateNode) => node.id);
    const missing = all.filter((id) => !visitedStates.has(id));
    expect(missing).toEqual([]);
  });
});

describe('model-based coverage', () => {
  it('enables every declared transition from some reachable situation, and prints coverage', () => {
    const declared = getStateNodes(passwordlessMachine.root).flatMap((node: AnyStateNode) => [
      ...[...node.transitions.keys()].map((eventType) => `${node.id} ${eventType}`),
      ...(node.always?.length ? [`${node.id} `] : []),
    ]);
    const covered = declared.filter((transition) => takenTransitions.has(transition));
    console.log(
      `Transition coverage: ${covered.length}/${declared.length} transitions taken or enabled across ${paths.length} paths; ` +
        `states visited: ${visitedStates.size}.\nNot taken:\n  ${declared.filter((transition) => !takenTransitions.has(transition)).join('\n  ')}`,
    );
    expect(covered.length, 'every declared transition is enabled from some reachable situation').toBe(
      declared.length,
    );
  });
});
