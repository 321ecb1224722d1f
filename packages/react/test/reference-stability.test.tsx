import { act, render, screen } from '@testing-library/react';
import { useEffect } from 'react';
import { describe, expect, it } from 'vitest';
import { usePasswordless, type UsePasswordlessResult } from '../src/index.ts';
import { useEmulator } from '../../core/test/support/use-emulator.ts';

const emulator = useEmulator();

/** Counts how often effects that depend on one slice of the view run. */
function renderProbe() {
  const runs = { can: 0, session: 0, authenticators: 0 };
  const current = {} as { flow: UsePasswordlessResult };
  function Probe() {
    const flow = usePasswordless(emulator.options());
    current.flow = flow;
    useEffect(() => void (runs.can += 1), [flow.can]);
    useEffect(() => void (runs.session += 1), [flow.session]);
    useEffect(() => void (runs.authenticators += 1), [flow.mfa?.authenticators]);
    return <p data-testid="step">{`${flow.step} ${flow.secondsUntilResend}`}</p>;
  }
  render(<Probe />);
  return { runs, current };
}

const tick = (flow: UsePasswordlessResult, at: number) =>
  act(() => flow.actorRef.send({ type: 'TICK', now: at }));

async function submitCode(current: { flow: UsePasswordlessResult }, email: string) {
  act(() => current.flow.submitIdentifier(email));
  await screen.findByText(/^code /);
  act(() => current.flow.submitCode(emulator.current.latestCode(email) ?? ''));
}

describe('usePasswordless keeps unchanged parts of the view by reference', () => {
  it('`can` across countdown ticks, and `session` once signed in', async () => {
    const { runs, current } = renderProbe();
    act(() => current.flow.submitIdentifier('alice@example.com'));
    await screen.findByText(/^code /);
    const before = { ...runs };
    const start = Date.now();
    for (const seconds of [5, 10, 15]) tick(current.flow, start + seconds * 1000);
    expect(current.flow.secondsUntilResend).toBeLessThanOrEqual(15);
    expect(runs.can).toBe(before.can);

    act(() => current.flow.submitCode(emulator.current.latestCode('alice@example.com') ?? ''));
    await screen.findByText(/^authenticated /);
    const signedIn = { ...runs };
    const session = current.flow.session;
    for (const seconds of [20, 25, 30]) tick(current.flow, start + seconds * 1000);
    expect(current.flow.session).toBe(session);
    expect(runs.session).toBe(signedIn.session);
  });

  it('`mfa.authenticators` while the MFA countdown moves', async () => {
    const { runs, current } = renderProbe();
    await submitCode(current, 'multi@example.com');
    await screen.findByText(/^mfa_choose /);
    const before = { ...runs };
    const expiry = current.flow.mfa?.secondsUntilExpiry ?? 0;
    const start = Date.now();
    for (const seconds of [5, 10, 15]) tick(current.flow, start + seconds * 1000);
    expect(current.flow.mfa?.secondsUntilExpiry).toBeLessThan(expiry);
    expect(runs.authenticators).toBe(before.authenticators);
    expect(runs.can).toBe(before.can);
  });
});
