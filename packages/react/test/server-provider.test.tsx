import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import {
  PasswordlessProvider,
  usePasswordlessActions,
  usePasswordlessActorRef,
  usePasswordlessContext,
  usePasswordlessSelector,
} from '../src/index.ts';
import { useServerStack } from '../../server/test/adapters/server-stack.ts';

const stack = useServerStack();

function Step() {
  const step = usePasswordlessSelector((view, snapshot) => `${view.step}${snapshot ? ' (chart here)' : ''}`);
  return <p data-testid="step">{step}</p>;
}

function Form() {
  const flow = usePasswordlessContext();
  const { submitIdentifier, submitCode } = usePasswordlessActions();
  const [value, setValue] = useState('');
  const submit = flow.can.submitIdentifier ? submitIdentifier : flow.can.submitCode ? submitCode : null;
  if (!submit) return null;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit(value);
        setValue('');
      }}
    >
      <label>
        {flow.can.submitIdentifier ? 'Email' : 'Code'}
        <input value={value} onChange={(event) => setValue(event.target.value)} />
      </label>
      <button type="submit">Continue</button>
    </form>
  );
}

function NoActor() {
  try {
    usePasswordlessActorRef();
    return <p>actor</p>;
  } catch (error) {
    return <p>{(error as Error).message}</p>;
  }
}

describe('<PasswordlessProvider options={{ server }}>', () => {
  it('gives the context hooks the server flow: selectors, actions and the whole view', async () => {
    render(
      <PasswordlessProvider options={{ server: stack.server, fetch: stack.fetch }}>
        <Step />
        <Form />
        <NoActor />
      </PasswordlessProvider>,
    );
    expect(screen.getByText(/in server mode the chart runs on the server/)).toBeTruthy();
    fireEvent.change(await screen.findByLabelText('Email'), { target: { value: 'provider@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    fireEvent.change(await screen.findByLabelText('Code'), {
      target: { value: stack.emulator.latestCode('provider@example.com') ?? '' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByText('authenticated');
    expect(screen.getByTestId('step').textContent).toBe('authenticated');
  });
});
