import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  PasswordlessProvider,
  usePasswordlessActions,
  usePasswordlessActorRef,
  usePasswordlessContext,
  usePasswordlessSelector,
  type PasswordlessActorRef,
} from '../src/index.ts';
import { useEmulator } from '../../core/test/support/use-emulator.ts';

const emulator = useEmulator();

describe('PasswordlessProvider and selectors', () => {
  it('re-renders a component only when its slice changes, not on every tick', async () => {
    const renders = { countdown: 0, step: 0, can: 0, actions: 0, whole: 0 };
    let actorRef: PasswordlessActorRef | undefined;

    function Countdown() {
      renders.countdown += 1;
      return <p>{`resend in ${usePasswordlessSelector((view) => view.secondsUntilResend)}`}</p>;
    }
    function Step() {
      renders.step += 1;
      return <p>{`step ${usePasswordlessSelector((view) => view.step)}`}</p>;
    }
    function Can() {
      renders.can += 1;
      // A new object on every snapshot; the default deep comparison keeps it from re-rendering.
      const can = usePasswordlessSelector((view) => view.can);
      return <p>{`can resend ${can.resend}`}</p>;
    }
    function Actions() {
      renders.actions += 1;
      actorRef = usePasswordlessActorRef();
      const { submitIdentifier } = usePasswordlessActions();
      return <button onClick={() => submitIdentifier('alice@example.com')}>Send</button>;
    }
    function Whole() {
      renders.whole += 1;
      return <p>{`whole ${usePasswordlessContext().step}`}</p>;
    }

    render(
      <PasswordlessProvider options={emulator.options()}>
        <Countdown />
        <Step />
        <Can />
        <Actions />
        <Whole />
      </PasswordlessProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByText('step code');
    const before = { ...renders };

    const start = Date.now();
    for (const seconds of [5, 10, 15]) {
      act(() => actorRef?.send({ type: 'TICK', now: start + seconds * 1000 }));
    }
    screen.getByText('resend in 15');

    expect(renders.countdown - before.countdown).toBeGreaterThanOrEqual(3);
    expect(renders.whole - before.whole).toBeGreaterThanOrEqual(3);
    expect(renders.step).toBe(before.step);
    expect(renders.can).toBe(before.can);
    expect(renders.actions).toBe(1);
  });

  it('tells what is missing when used outside a provider', () => {
    function Orphan() {
      usePasswordlessSelector((view) => view.step);
      return null;
    }
    expect(() => render(<Orphan />)).toThrow(/PasswordlessProvider/);
  });
});
