import { fireEvent, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import type { InspectionEvent } from 'xstate';
import { REDACTED } from '@passwordless-xstate/core/inspect';
import { usePasswordless, type UsePasswordlessOptions } from '../src/index.ts';
import { FlowUi } from './flow-ui.tsx';
import { memoryStorage, useEmulator } from '../../core/test/support/use-emulator.ts';

const emulator = useEmulator();

function App({ options }: { options: UsePasswordlessOptions }) {
  return <FlowUi flow={usePasswordless(options)} />;
}

async function enter(label: string, value: string) {
  fireEvent.change(await screen.findByLabelText(label), { target: { value } });
  fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
}

describe('actor lifecycle', () => {
  it('StrictMode mounts twice but sends one code, and only when asked', async () => {
    render(
      <StrictMode>
        <App options={emulator.options()} />
      </StrictMode>,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(emulator.current.outbox()).toHaveLength(0);
    await enter('Email', 'alice@example.com');
    await screen.findByLabelText('Code');
    expect(emulator.current.outbox('alice@example.com')).toHaveLength(1);
    await enter('Code', emulator.current.latestCode('alice@example.com') ?? '');
    await screen.findByText('Signed in as alice@example.com');
    expect(emulator.current.outbox()).toHaveLength(1);
  });

  it('restores after a reload: same step, no second code, and the code still works', async () => {
    const storage = memoryStorage();
    const options = { ...emulator.options(), persist: { storage } };
    const first = render(<App options={options} />);
    await enter('Email', 'alice@example.com');
    await screen.findByLabelText('Code');
    first.unmount();
    expect(storage.data.size).toBe(1);

    render(
      <StrictMode>
        <App options={options} />
      </StrictMode>,
    );
    expect(screen.getByTestId('step').textContent).toBe('code');
    await new Promise((resolve) => setTimeout(resolve, 50));
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
    render(<App options={{ ...emulator.options(), inspect: (event) => events.push(event) }} />);
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
