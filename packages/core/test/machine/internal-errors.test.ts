import { afterEach, describe, expect, it, vi } from 'vitest';
import { contradictoryOptions, selfContradictorySnapshot } from './contradictory-snapshot.ts';
import { createPasswordlessActor } from '../../src/machine/create.ts';
import { getPasswordlessView } from '../../src/machine/view.ts';

const options = contradictoryOptions;

afterEach(() => vi.restoreAllMocks());

describe('an internal error in the chart', () => {
  it('reaches onError, not uncaughtException, and the view says the flow stopped', async () => {
    const onError = vi.fn();
    const actor = createPasswordlessActor({ ...options, snapshot: selfContradictorySnapshot(), onError });
    actor.start();
    actor.send({ type: 'SUBMIT_MFA_CODE', otp: '123456' });
    // An unhandled actor error is thrown from a timer; vitest fails the run if one appears.
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(onError).toHaveBeenCalledTimes(1);
    expect(actor.getSnapshot().status).toBe('error');
    expect(getPasswordlessView(actor.getSnapshot())).toMatchObject({
      step: 'identify',
      busy: false,
      error: { code: 'unknown' },
      can: { submitIdentifier: false, logout: false },
    });
  });

  it('is logged by default with its name and message only', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const actor = createPasswordlessActor({ ...options, snapshot: selfContradictorySnapshot() });
    actor.start();
    actor.send({ type: 'SUBMIT_MFA_CODE', otp: '123456' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(logged).toHaveBeenCalledTimes(1);
    expect(String(logged.mock.calls[0]?.[0])).toMatch(
      /^\[passwordless-xstate\] The sign-in flow stopped .*Error: /,
    );
    expect(String(logged.mock.calls[0]?.[0])).not.toContain('123456');
  });
});
