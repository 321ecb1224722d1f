import { GRANT } from '@passwordless-xstate/emulator';
import { expect } from 'vitest';
import { followMagicLink } from '../support/lane.ts';
import { request, type Cell, type MatrixRow } from './row.ts';
import { expectStep, perform, resendAfterCooldown, signedIn, submitCode, submitIdentifier } from './steps.ts';

const ALICE = 'alice@example.com';
const PHONE = '+15555550100';
const REDIRECT_URI = 'http://localhost:5173/callback';
const start = request('POST', '/passwordless/start');

async function finishWithCode(cell: Cell, to: string) {
  await submitCode(cell.flow, cell.lane, to);
  expect(signedIn(cell.flow)).toBe(true);
}

async function finishWithLink(cell: Cell) {
  const callbackUrl = await followMagicLink(cell.lane, ALICE);
  await perform(cell.flow, 'handleMagicLinkCallback', { type: 'MAGIC_LINK_CALLBACK', callbackUrl });
  expect(signedIn(cell.flow)).toBe(true);
}

/** Sending a code or link: on a fault, try again; on a 2xx the code never came, so resend. */
const startRow = (
  flow: string,
  identifier: string,
  finish: (cell: Cell) => Promise<void>,
  options: MatrixRow['options'] = {},
): MatrixRow => ({
  flow,
  request: 'POST /passwordless/start',
  match: start,
  options,
  bodyless: true,
  prepare: async () => {},
  trigger: ({ flow: chart }) => chart.send({ type: 'SUBMIT_IDENTIFIER', identifier }),
  failedAt: { identify: 'editing' },
  acceptedAt: 'sent',
  wayForward: 'submitIdentifier (after a 2xx: resend)',
  recover: async (cell, accepted) => {
    if (accepted) await resendAfterCooldown(cell.flow);
    else await submitIdentifier(cell.flow, identifier);
    await expectStep(cell.flow, ['code', 'link_sent']);
    await finish(cell);
  },
});

export const firstFactorRows: MatrixRow[] = [
  startRow('e-mail code', ALICE, (cell) => finishWithCode(cell, ALICE)),
  startRow('SMS code', PHONE, (cell) => finishWithCode(cell, PHONE), { connection: 'sms' }),
  startRow('magic link', ALICE, finishWithLink, { send: 'link', redirectUri: REDIRECT_URI }),
  {
    flow: 'e-mail code',
    request: 'POST /passwordless/start (resend)',
    match: start,
    bodyless: true,
    prepare: async ({ flow, lane }) => {
      await submitIdentifier(flow, ALICE);
      await flow.tick(flow.view().secondsUntilResend + 1);
      expect(lane.emulator.outbox(ALICE)).toHaveLength(1);
    },
    trigger: ({ flow }) => flow.send({ type: 'RESEND' }),
    failedAt: { sent: { resend: 'cooling' } },
    acceptedAt: { sent: { resend: 'cooling' } },
    wayForward: 'resend after the cooldown',
    recover: async (cell) => {
      await resendAfterCooldown(cell.flow);
      expect(cell.lane.emulator.outbox(ALICE)).toHaveLength(2);
      await finishWithCode(cell, ALICE);
    },
  },
  ...(['email', 'sms'] as const).map((connection): MatrixRow => ({
    flow: connection === 'email' ? 'e-mail code' : 'SMS code',
    request: 'POST /oauth/token (passwordless/otp)',
    match: request('POST', '/oauth/token', GRANT.passwordlessOtp),
    options: { connection },
    prepare: ({ flow }) => submitIdentifier(flow, connection === 'email' ? ALICE : PHONE),
    trigger: ({ flow, lane }) => {
      const to = connection === 'email' ? ALICE : PHONE;
      flow.send({ type: 'SUBMIT_CODE', otp: lane.emulator.latestCode(to) ?? '' });
    },
    failedAt: { sent: { code: 'valid' } },
    wayForward: 'submitCode (the same code)',
    recover: (cell) => finishWithCode(cell, connection === 'email' ? ALICE : PHONE),
  })),
  {
    flow: 'magic link',
    request: 'POST /oauth/token (authorization_code)',
    match: request('POST', '/oauth/token', GRANT.authorizationCode),
    options: { send: 'link', redirectUri: REDIRECT_URI },
    prepare: async (cell) => {
      await submitIdentifier(cell.flow, ALICE);
      cell.memo.callbackUrl = await followMagicLink(cell.lane, ALICE);
    },
    trigger: ({ flow, memo }) =>
      flow.send({ type: 'MAGIC_LINK_CALLBACK', callbackUrl: memo.callbackUrl ?? '' }),
    failedAt: 'sent',
    wayForward: 'handleMagicLinkCallback (the same link)',
    recover: async ({ flow, memo }) => {
      const callbackUrl = memo.callbackUrl ?? '';
      await perform(flow, 'handleMagicLinkCallback', { type: 'MAGIC_LINK_CALLBACK', callbackUrl });
      expect(signedIn(flow)).toBe(true);
    },
  },
  {
    flow: 'e-mail code',
    request: 'GET /.well-known/jwks.json (ID-token keys)',
    match: request('GET', '/.well-known/jwks.json'),
    prepare: ({ flow }) => submitIdentifier(flow, ALICE),
    trigger: ({ flow, lane }) =>
      flow.send({ type: 'SUBMIT_CODE', otp: lane.emulator.latestCode(ALICE) ?? '' }),
    failedAt: { sent: { code: 'valid' } },
    // The token request went through, so the code is spent: only a new one helps.
    wayForward: 'resend, then submitCode',
    recover: async (cell) => {
      await resendAfterCooldown(cell.flow);
      await finishWithCode(cell, ALICE);
    },
  },
];
