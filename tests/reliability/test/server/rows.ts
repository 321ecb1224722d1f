import type { PasswordlessActionName, PasswordlessEvent, PasswordlessStep } from '@passwordless-xstate/core';
import { GRANT, generateTotp } from '@passwordless-xstate/emulator';
import { expect } from 'vitest';
import { request } from '../matrix/row.ts';
import type { RequestMatcher } from '../support/fault-proxy.ts';
import { approvePush, codeFor, type Lane } from '../support/lane.ts';
import type { Browser } from '../support/server-lane.ts';

const ALICE = 'alice@example.com';
const SMS_USER = { email: 'sms-mfa@example.com', phone: '+15555550101' };
const TOTP_USER = { email: 'totp@example.com', secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' };
const PUSH_USER = 'push@example.com';

/** One request the server makes to Auth0 for a browser's event, and how the browser goes on after a fault. */
export interface ServerRow {
  flow: string;
  request: string;
  match: RequestMatcher;
  bodyless?: boolean;
  /** Logout signs out whatever Auth0 says; a failed revocation shows as `logoutIncomplete`. */
  silent?: boolean;
  prepare(browser: Browser, lane: Lane): Promise<void>;
  trigger(browser: Browser, lane: Lane): Promise<unknown> | void;
  failedStep: PasswordlessStep;
  acceptedStep?: PasswordlessStep;
  recover(browser: Browser, lane: Lane, accepted: boolean): Promise<void>;
}

export async function act(browser: Browser, action: PasswordlessActionName, event: PasswordlessEvent) {
  await browser.settle();
  expect(browser.view().can[action], `the view offers ${action} at ${browser.view().step}`).toBe(true);
  await browser.send(event);
  return browser.settle();
}

const identify = (browser: Browser, identifier: string) =>
  act(browser, 'submitIdentifier', { type: 'SUBMIT_IDENTIFIER', identifier });
const code = (browser: Browser, lane: Lane, to: string) =>
  act(browser, 'submitCode', { type: 'SUBMIT_CODE', otp: codeFor(lane, to) });
const mfaCode = (browser: Browser, otp: string) =>
  act(browser, 'submitMfaCode', { type: 'SUBMIT_MFA_CODE', otp });

async function firstFactor(browser: Browser, lane: Lane, email: string) {
  await identify(browser, email);
  expect(browser.view().step).toBe('code');
  await code(browser, lane, email);
}

async function expectSignedIn(browser: Browser) {
  expect(browser.view(), JSON.stringify(browser.view().error)).toMatchObject({
    step: 'authenticated',
    error: null,
  });
}

async function finishSms(browser: Browser, lane: Lane) {
  expect(browser.view().step).toBe('mfa_oob');
  await mfaCode(browser, codeFor(lane, SMS_USER.phone));
  await expectSignedIn(browser);
}

const totp = (lane: Lane) => generateTotp(TOTP_USER.secret, lane.clock.now());

export const serverRows: ServerRow[] = [
  {
    flow: 'e-mail code',
    request: 'POST /passwordless/start',
    match: request('POST', '/passwordless/start'),
    bodyless: true,
    prepare: async () => {},
    trigger: (browser) => browser.send({ type: 'SUBMIT_IDENTIFIER', identifier: ALICE }),
    failedStep: 'identify',
    acceptedStep: 'code',
    recover: async (browser, lane, accepted) => {
      if (accepted) {
        await browser.tick(browser.view().secondsUntilResend + 1);
        await act(browser, 'resend', { type: 'RESEND' });
      } else {
        await identify(browser, ALICE);
      }
      await code(browser, lane, ALICE);
      await expectSignedIn(browser);
    },
  },
  {
    flow: 'e-mail code',
    request: 'POST /oauth/token (passwordless/otp)',
    match: request('POST', '/oauth/token', GRANT.passwordlessOtp),
    prepare: (browser) => identify(browser, ALICE).then(() => undefined),
    trigger: (browser, lane) => browser.send({ type: 'SUBMIT_CODE', otp: codeFor(lane, ALICE) }),
    failedStep: 'code',
    recover: async (browser, lane) => {
      await code(browser, lane, ALICE);
      await expectSignedIn(browser);
    },
  },
  {
    flow: 'SMS OOB',
    request: 'GET /mfa/authenticators',
    match: request('GET', '/mfa/authenticators'),
    prepare: async () => {},
    trigger: (browser, lane) => firstFactor(browser, lane, SMS_USER.email),
    failedStep: 'mfa_failed',
    recover: async (browser, lane) => {
      await act(browser, 'retry', { type: 'RETRY' });
      await finishSms(browser, lane);
    },
  },
  {
    flow: 'SMS OOB',
    request: 'POST /mfa/challenge',
    match: request('POST', '/mfa/challenge'),
    prepare: async () => {},
    trigger: (browser, lane) => firstFactor(browser, lane, SMS_USER.email),
    failedStep: 'mfa_failed',
    recover: async (browser, lane) => {
      await act(browser, 'retry', { type: 'RETRY' });
      await finishSms(browser, lane);
    },
  },
  {
    flow: 'MFA OTP',
    request: 'POST /oauth/token (mfa-otp)',
    match: request('POST', '/oauth/token', GRANT.mfaOtp),
    prepare: async (browser, lane) => {
      await firstFactor(browser, lane, TOTP_USER.email);
      expect(browser.view().step).toBe('mfa_otp');
    },
    trigger: (browser, lane) => browser.send({ type: 'SUBMIT_MFA_CODE', otp: totp(lane) }),
    failedStep: 'mfa_otp',
    recover: async (browser, lane) => {
      await mfaCode(browser, totp(lane));
      await expectSignedIn(browser);
    },
  },
  {
    flow: 'push',
    request: 'POST /oauth/token (mfa-oob, poll)',
    match: request('POST', '/oauth/token', GRANT.mfaOob),
    prepare: async (browser, lane) => {
      await firstFactor(browser, lane, PUSH_USER);
      expect(browser.view().step).toBe('mfa_push');
    },
    trigger: (browser) => browser.tick(browser.view().mfa?.push?.secondsUntilNextPoll ?? 5),
    failedStep: 'mfa_push',
    recover: async (browser, lane) => {
      await approvePush(lane, PUSH_USER);
      for (let poll = 0; poll < 8 && browser.view().step !== 'authenticated'; poll++) {
        await browser.tick(Math.max(1, browser.view().mfa?.push?.secondsUntilNextPoll ?? 5));
      }
      await expectSignedIn(browser);
    },
  },
  {
    flow: 'logout',
    request: 'POST /oauth/revoke',
    match: request('POST', '/oauth/revoke'),
    bodyless: true,
    silent: true,
    prepare: async (browser, lane) => {
      await firstFactor(browser, lane, ALICE);
      await expectSignedIn(browser);
    },
    trigger: (browser) => browser.send({ type: 'LOGOUT' }),
    failedStep: 'identify',
    acceptedStep: 'identify',
    recover: async (browser, lane, accepted) => {
      expect(browser.view().logoutIncomplete).toBe(!accepted);
      await firstFactor(browser, lane, ALICE);
      await expectSignedIn(browser);
    },
  },
];
