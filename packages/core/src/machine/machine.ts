import type { ActorRefFrom } from 'xstate';
import { initialContext } from './chart-context.ts';
import { chart } from './setup.ts';
import { authenticated } from './states/authenticated.ts';
import { challenge } from './states/challenge.ts';
import { identify } from './states/identify.ts';
import { mfaRequired } from './states/mfa-required.ts';
import { sent } from './states/sent.ts';
import { verifying } from './states/verifying.ts';

/**
 * The whole embedded passwordless flow: identify → sent → verifying → (mfa_required → challenge) →
 * authenticated. One static definition so Stately's inspector can read it; swap the actors with
 * `.provide()` (tests) or `createPasswordlessMachine()` (confidential clients).
 */
export const passwordlessMachine = chart.createMachine({
  id: 'passwordless',
  context: ({ input }) => initialContext(input, Date.now()),
  initial: 'identify',
  on: {
    TICK: { guard: 'isClockReading', actions: 'recordTime' },
  },
  states: {
    identify,
    sent,
    verifying,
    mfa_required: mfaRequired,
    challenge,
    authenticated,
  },
});

export type PasswordlessMachine = typeof passwordlessMachine;
export type PasswordlessActorRef = ActorRefFrom<PasswordlessMachine>;
