import { render, screen } from '@testing-library/vue';
import { describe, expect, it } from 'vitest';
import { effectScope } from 'vue';
import type { InspectionEvent } from 'xstate';
import { REDACTED } from '@passwordless-xstate/core/inspect';
import { usePasswordless, type UsePasswordlessResult } from '../src/index.ts';
import { enter, pause } from './dom.ts';
import { memoryStorage, useEmulator } from '../../core/test/support/use-emulator.ts';
import OwnFlow from './OwnFlow.vue';

const emulator = useEmulator();

describe('actor lifecycle', () => {
  it('sends nothing until asked, and unmounting stops the actor', async () => {
    let flow: UsePasswordlessResult | undefined;
    const view = render(OwnFlow, {
      props: { options: emulator.options(), capture: (f: UsePasswordlessResult) => (flow = f) },
    });
    await pause();
    expect(emulator.current.outbox()).toHaveLength(0);
    await enter('Email', 'alice@example.com');
    await screen.findByLabelText('Code');
    expect(emulator.current.outbox('alice@example.com')).toHaveLength(1);
    expect(flow?.actorRef.getSnapshot().status).toBe('active');
    view.unmount();
    expect(flow?.actorRef.getSnapshot().status).toBe('stopped');
  });

  it('outside a component it starts at once and stops with its effect scope', async () => {
    const scope = effectScope();
    const flow = scope.run(() => usePasswordless(emulator.options()));
    if (!flow) throw new Error('the scope did not run');
    flow.submitIdentifier('alice@example.com');
    expect(flow.step).toBe('sending');
    await expect.poll(() => flow.step).toBe('code');
    scope.stop();
    expect(flow.actorRef.getSnapshot().status).toBe('stopped');
  });

  it('restores after a reload: same step, no second code, and the code still works', async () => {
    const storage = memoryStorage();
    const options = { ...emulator.options(), persist: { storage } };
    const first = render(OwnFlow, { props: { options } });
    await enter('Email', 'alice@example.com');
    await screen.findByLabelText('Code');
    first.unmount();
    expect(storage.data.size).toBe(1);

    render(OwnFlow, { props: { options } });
    expect(screen.getByTestId('step').textContent).toBe('code');
    await pause();
    expect(emulator.current.outbox('alice@example.com')).toHaveLength(1);
    await enter('Code', emulator.current.latestCode('alice@example.com') ?? '');
    await screen.findByText('Signed in as alice@example.com');
    // Without includeSecrets a signed-in flow is not kept: only that it ended, for the next load to say so.
    const stored = [...storage.data.values()].join('');
    expect(JSON.parse(stored)).toMatchObject({ interrupted: { notice: 'session_ended' } });
    expect(stored).not.toMatch(/eyJ|access|refresh|token/i);
  });

  it('passes inspection through redacted', async () => {
    const events: InspectionEvent[] = [];
    const inspect = (event: InspectionEvent) => void events.push(event);
    render(OwnFlow, { props: { options: { ...emulator.options(), inspect } } });
    await enter('Email', 'alice@example.com');
    await screen.findByLabelText('Code');
    const code = emulator.current.latestCode('alice@example.com') ?? '';
    await enter('Code', code);
    await screen.findByText('Signed in as alice@example.com');
    const submitted = events.find(
      (event) => event.type === '@xstate.event' && event.event.type === 'SUBMIT_CODE',
    );
    expect(submitted?.type === '@xstate.event' && submitted.event).toMatchObject({ otp: REDACTED });
    const snapshots = events.flatMap((event) => (event.type === '@xstate.snapshot' ? [event.snapshot] : []));
    expect(JSON.stringify(snapshots)).not.toContain(code);
  });
});
