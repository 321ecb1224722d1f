import { GRANT } from '@passwordless-xstate/emulator';
import { expect } from 'vitest';
import { approvePush, codeFor } from '../support/lane.ts';
import { request, type Cell, type MatrixRow } from './row.ts';
import {
  expectStep,
  firstFactor,
  perform,
  pollUntilSignedIn,
  signedIn,
  submitMfaCode,
  totpNow,
} from './steps.ts';

const TOTP_USER = { email: 'totp@example.com', secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' };
const SMS_USER = { email: 'sms-mfa@example.com', phone: '+15555550101' };
const EMAIL_USER = 'email-mfa@example.com';
const PUSH_USER = 'push@example.com';
const RECOVERY_USER = { email: 'recovery@example.com', code: 'RECOVERYUSERCODE00000001' };
const ENROLL_USER = 'enroll@example.com';

const challenge = request('POST', '/mfa/challenge');
const retry = (cell: Cell) => perform(cell.flow, 'retry', { type: 'RETRY' });

async function finishTotp(cell: Cell) {
  await expectStep(cell.flow, 'mfa_otp');
  await submitMfaCode(cell.flow, totpNow(cell.lane, TOTP_USER.secret));
  expect(signedIn(cell.flow)).toBe(true);
}

async function finishBindingCode(cell: Cell, to: string) {
  await expectStep(cell.flow, 'mfa_oob');
  await submitMfaCode(cell.flow, codeFor(cell.lane, to));
  expect(signedIn(cell.flow)).toBe(true);
}

async function finishPush(cell: Cell) {
  await expectStep(cell.flow, 'mfa_push');
  await approvePush(cell.lane, PUSH_USER);
  await pollUntilSignedIn(cell.flow);
  expect(signedIn(cell.flow)).toBe(true);
}

/** The challenge request of a user with one factor, sent by itself right after the first factor. */
const challengeRow = (flow: string, email: string, finish: (cell: Cell) => Promise<void>): MatrixRow => ({
  flow,
  request: 'POST /mfa/challenge',
  match: challenge,
  prepare: async () => {},
  trigger: (cell) => firstFactor(cell.flow, cell.lane, email),
  failedAt: { challenge: 'failed' },
  wayForward: 'retry',
  recover: async (cell) => {
    await retry(cell);
    await finish(cell);
  },
});

/** A binding code (SMS or e-mail) checked with the mfa-oob grant. */
const bindingRow = (flow: string, email: string, to: string): MatrixRow => ({
  flow,
  request: 'POST /oauth/token (mfa-oob, binding code)',
  match: request('POST', '/oauth/token', GRANT.mfaOob),
  prepare: async (cell) => {
    await firstFactor(cell.flow, cell.lane, email);
    await expectStep(cell.flow, 'mfa_oob');
  },
  trigger: ({ flow, lane }) => flow.send({ type: 'SUBMIT_MFA_CODE', otp: codeFor(lane, to) }),
  failedAt: { challenge: 'oob' },
  wayForward: 'submitMfaCode (the same code)',
  recover: (cell) => finishBindingCode(cell, to),
});

export const mfaRows: MatrixRow[] = [
  {
    // Not the TOTP user: with only a TOTP in mfa_requirements the chart skips the listing.
    flow: 'SMS OOB',
    request: 'GET /mfa/authenticators',
    match: request('GET', '/mfa/authenticators'),
    prepare: async () => {},
    trigger: (cell) => firstFactor(cell.flow, cell.lane, SMS_USER.email),
    failedAt: { mfa_required: 'failed' },
    wayForward: 'retry',
    recover: async (cell) => {
      await retry(cell);
      await finishBindingCode(cell, SMS_USER.phone);
    },
  },
  {
    flow: 'MFA OTP',
    request: 'POST /oauth/token (mfa-otp)',
    match: request('POST', '/oauth/token', GRANT.mfaOtp),
    prepare: async (cell) => {
      await firstFactor(cell.flow, cell.lane, TOTP_USER.email);
      await expectStep(cell.flow, 'mfa_otp');
    },
    trigger: ({ flow, lane }) => flow.send({ type: 'SUBMIT_MFA_CODE', otp: totpNow(lane, TOTP_USER.secret) }),
    failedAt: { challenge: 'otp' },
    wayForward: 'submitMfaCode',
    recover: finishTotp,
  },
  challengeRow('SMS OOB', SMS_USER.email, (cell) => finishBindingCode(cell, SMS_USER.phone)),
  bindingRow('SMS OOB', SMS_USER.email, SMS_USER.phone),
  challengeRow('e-mail OOB', EMAIL_USER, (cell) => finishBindingCode(cell, EMAIL_USER)),
  bindingRow('e-mail OOB', EMAIL_USER, EMAIL_USER),
  challengeRow('push', PUSH_USER, finishPush),
  {
    flow: 'push',
    request: 'POST /oauth/token (mfa-oob, poll)',
    match: request('POST', '/oauth/token', GRANT.mfaOob),
    prepare: async (cell) => {
      await firstFactor(cell.flow, cell.lane, PUSH_USER);
      await expectStep(cell.flow, 'mfa_push');
    },
    trigger: async ({ flow }) => void (await flow.tick(flow.view().mfa?.push?.secondsUntilNextPoll ?? 5)),
    failedAt: { challenge: { push: 'waiting' } },
    wayForward: 'the next poll (by itself)',
    recover: async (cell) => {
      expect(cell.flow.view().mfa?.push).toMatchObject({ rejected: false });
      await finishPush(cell);
    },
  },
  {
    flow: 'recovery code',
    request: 'POST /oauth/token (mfa-recovery-code)',
    match: request('POST', '/oauth/token', GRANT.mfaRecoveryCode),
    prepare: async (cell) => {
      await firstFactor(cell.flow, cell.lane, RECOVERY_USER.email);
      await perform(cell.flow, 'useRecoveryCode', { type: 'USE_RECOVERY_CODE' });
      await expectStep(cell.flow, 'mfa_recovery');
    },
    trigger: ({ flow }) => flow.send({ type: 'SUBMIT_RECOVERY_CODE', recoveryCode: RECOVERY_USER.code }),
    failedAt: { challenge: 'recovery' },
    wayForward: 'submitRecoveryCode',
    recover: async ({ flow }) => {
      const event = { type: 'SUBMIT_RECOVERY_CODE', recoveryCode: RECOVERY_USER.code } as const;
      await perform(flow, 'submitRecoveryCode', event);
      expect(signedIn(flow)).toBe(true);
      expect(flow.view().newRecoveryCode).toEqual(expect.any(String));
    },
  },
  {
    flow: 'enrolment',
    request: 'POST /mfa/associate',
    match: request('POST', '/mfa/associate'),
    prepare: async (cell) => {
      await firstFactor(cell.flow, cell.lane, ENROLL_USER);
      await expectStep(cell.flow, 'mfa_enroll');
    },
    trigger: ({ flow }) => flow.send({ type: 'ENROLL', factor: 'otp' }),
    failedAt: { mfa_required: 'enroll' },
    wayForward: 'enroll',
    recover: async (cell) => {
      await perform(cell.flow, 'enroll', { type: 'ENROLL', factor: 'otp' });
      await expectStep(cell.flow, 'mfa_otp');
      const secret = cell.flow.view().mfa?.enrollment?.secret ?? '';
      await submitMfaCode(cell.flow, totpNow(cell.lane, secret));
      expect(signedIn(cell.flow)).toBe(true);
    },
  },
];
