import type { PasswordlessActionName } from '@passwordless-xstate/core';
import fc from 'fast-check';
import { FAULTS, type Fault } from '../support/faults.ts';
import { USERS, type TestUser } from './users.ts';

/** Every action, the ones that take a flow further first (the order `offered` picks in). */
export const ACTIONS = [
  'submitIdentifier',
  'submitCode',
  'handleMagicLinkCallback',
  'selectAuthenticator',
  'enroll',
  'submitMfaCode',
  'submitRecoveryCode',
  'retry',
  'useRecoveryCode',
  'resend',
  'refresh',
  'acknowledgeRecoveryCode',
  'back',
  'changeIdentifier',
  'cancel',
  'logout',
] as const satisfies readonly PasswordlessActionName[];

/** What a person does: the right value (the code they were sent), a wrong one, or junk. */
export type Aim = 'right' | 'wrong' | 'junk';

export interface Act {
  kind: 'act';
  /**
   * An action the view offers now (`offered`, ranked by how far it takes the flow, `pick` chooses),
   * or any action, offered or not: the chart must ignore what makes no sense.
   */
  action: PasswordlessActionName | 'offered';
  aim: Aim;
  /** Picks among choices (which authenticator, which enrolment factor). */
  pick: number;
  /** Sent a second time at once, as a double click does. */
  twice: boolean;
  /** Armed for every request to Auth0 while this act settles. */
  fault: Fault | null;
}

export type Command =
  | Act
  | { kind: 'burst'; acts: Act[] }
  | { kind: 'tick'; seconds: number; fault: Fault | null }
  | { kind: 'reload' }
  | { kind: 'push'; decision: 'approve' | 'reject' };

export interface RunSetup {
  user: TestUser;
  send: 'code' | 'link';
  /** Keep MFA steps and the session across reloads (secrets then are in storage on purpose). */
  includeSecrets: boolean;
  /** A Regular Web Application with its secret, as a server runs the chart. */
  confidential: boolean;
}

/** One act or tick in six meets a fault, so that most runs also get somewhere. */
const fault: fc.Arbitrary<Fault | null> = fc.oneof(
  { weight: 5, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom<Fault>(...FAULTS) },
);

/** Acts that move the flow on are drawn more often than the ones that end it, so runs get deep. */
const act: fc.Arbitrary<Act> = fc.record({
  kind: fc.constant('act' as const),
  action: fc.oneof(
    { weight: 4, arbitrary: fc.constant('offered' as const) },
    { weight: 1, arbitrary: fc.constantFrom<PasswordlessActionName>(...ACTIONS) },
  ),
  aim: fc.constantFrom<Aim>('right', 'right', 'right', 'right', 'wrong', 'junk'),
  pick: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.nat(7) }),
  twice: fc.boolean(),
  fault,
});

export const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 12, arbitrary: act },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('burst' as const),
      acts: fc.array(act, { minLength: 2, maxLength: 3 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('tick' as const),
      // Seconds that cross the chart's deadlines: resend, push polls, code and mfa_token lifetimes.
      seconds: fc.constantFrom(1, 5, 6, 31, 61, 181, 601, 3600),
      fault,
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'reload' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('push' as const),
      decision: fc.constantFrom('approve' as const, 'reject' as const),
    }),
  },
);

export const setup: fc.Arbitrary<RunSetup> = fc.record({
  user: fc.constantFrom(...USERS),
  send: fc.constantFrom('code' as const, 'code' as const, 'link' as const),
  includeSecrets: fc.boolean(),
  confidential: fc.boolean(),
});
