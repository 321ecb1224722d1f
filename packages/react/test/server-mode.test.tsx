import { fireEvent, render, screen } from '@testing-library/react';
import { StrictMode, useState, type FormEvent } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  usePasswordless,
  type UsePasswordlessServerOptions,
  type UsePasswordlessServerResult,
} from '../src/index.ts';
import { usePasswordless as useRemotePasswordless } from '../src/remote.ts';
import { useServerStack } from '../../server/test/adapters/server-stack.ts';

const stack = useServerStack();

/** A bare UI in server mode: a field appears once the flow accepts what it submits. */
function ServerApp({
  options,
  useFlow = usePasswordless,
}: {
  options: UsePasswordlessServerOptions;
  /** The main entry's hook, or the one from `@passwordless-xstate/react/remote`. */
  useFlow?: (options: UsePasswordlessServerOptions) => UsePasswordlessServerResult;
}) {
  const flow = useFlow(options);
  // The chart runs on the server: there is no actor here to reach into.
  expectTypeOf(flow.actorRef).toEqualTypeOf<undefined>();
  const [value, setValue] = useState('');
  const field = (label: string, action: (value: string) => void) => (
    <form
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        action(value);
        setValue('');
      }}
    >
      <label>
        {label}
        <input value={value} onChange={(event) => setValue(event.target.value)} />
      </label>
      <button type="submit">Continue</button>
    </form>
  );
  return (
    <main>
      <p data-testid="actor">{flow.actorRef === undefined ? 'no actor' : 'actor'}</p>
      {flow.error ? <p role="alert">{flow.error.code}</p> : null}
      {flow.can.submitIdentifier && field('Email', flow.submitIdentifier)}
      {flow.can.submitCode && field('Code', flow.submitCode)}
      {flow.step === 'authenticated' && (
        <>
          <p>Signed in as {flow.user?.email}</p>
          <button onClick={flow.logout}>Log out</button>
        </>
      )}
    </main>
  );
}

async function enter(label: string, value: string) {
  fireEvent.change(await screen.findByLabelText(label), { target: { value } });
  fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
}

describe('usePasswordless({ server }) against @passwordless-xstate/server', () => {
  it('renders on the server without asking the flow server anything', () => {
    const html = renderToString(<ServerApp options={{ server: stack.server, fetch: stack.fetch }} />);
    // Nothing is allowed until the browser has asked where this person's flow stands.
    expect(html).toContain('no actor');
    expect(html).not.toContain('Email');
    expect(stack.requests).toEqual([]);
  });

  it.each([
    ['@passwordless-xstate/react', usePasswordless, 'react-server@example.com'],
    ['@passwordless-xstate/react/remote', useRemotePasswordless, 'react-remote@example.com'],
  ])(
    'signs in by e-mail code under StrictMode with %s, each request sent once',
    async (_, useFlow, email) => {
      const before = stack.requests.length; // one stack serves the whole file
      render(
        <StrictMode>
          <ServerApp options={{ server: stack.server, fetch: stack.fetch }} useFlow={useFlow} />
        </StrictMode>,
      );
      expect(screen.getByTestId('actor').textContent).toBe('no actor');
      await enter('Email', email);
      await screen.findByLabelText('Code');
      await enter('Code', stack.emulator.latestCode(email) ?? '');
      await screen.findByText(`Signed in as ${email}`);
      fireEvent.click(screen.getByRole('button', { name: 'Log out' }));
      await screen.findByLabelText('Email');
      expect(screen.queryByRole('alert')).toBeNull();
      expect(stack.requests.slice(before)).toEqual([
        'GET /auth/passwordless/flow',
        'POST /auth/passwordless/events SUBMIT_IDENTIFIER',
        'POST /auth/passwordless/events SUBMIT_CODE',
        'POST /auth/passwordless/logout',
      ]);
      expect(stack.emulator.outbox(email)).toHaveLength(1);
    },
  );
});
