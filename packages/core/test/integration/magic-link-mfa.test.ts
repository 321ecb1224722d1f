import { startEmulator, type RunningEmulator } from '@passwordless-xstate/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PasswordlessSnapshot } from '../../src/machine/view.ts';
import { advanceEmulatorClock, latest as latestAt, startFlow, totp } from './helpers.ts';

// Its own emulator: these tests use the seeded MFA users (a TOTP code, a recovery code, an
// enrolment) that the other MFA suite, running in parallel, uses up too.
let emulator: RunningEmulator;
beforeAll(async () => void (emulator = await startEmulator({ port: 0, log: false })));
afterAll(() => emulator.close());
const latest = (to: string) => latestAt(to, emulator.url);

const redirectUri = 'http://localhost:5173/callback';
const signedIn = (snapshot: PasswordlessSnapshot) => snapshot.matches({ authenticated: 'active' });

/** First factor by magic link: follows the e-mailed link and hands its callback to the chart. */
async function untilSecondFactorByLink(email: string, options: Parameters<typeof startFlow>[0] = {}) {
  const flow = startFlow({ baseUrl: emulator.url, redirectUri, ...options });
  flow.actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: email, send: 'link' });
  await flow.until('link_sent');
  const followed = await fetch((await latest(email)).link ?? '', { redirect: 'manual' });
  flow.actor.send({ type: 'MAGIC_LINK_CALLBACK', callbackUrl: followed.headers.get('location') ?? '' });
  await flow.until(
    (snapshot) =>
      (snapshot.matches('mfa_required') || snapshot.matches('challenge')) && !snapshot.hasTag('busy'),
  );
  return flow;
}

/** The nonce of the link must still be checked after the second factor: same value, or none at all. */
function expectLinkNonceKept(flow: Awaited<ReturnType<typeof untilSecondFactorByLink>>, sent: string) {
  const nonce = flow.actor.getSnapshot().context.session?.claims?.nonce;
  expect(nonce === undefined || nonce === sent).toBe(true);
  expect(flow.view()).toMatchObject({ step: 'authenticated', error: null });
}

describe('magic link, then each second factor, against the emulator', () => {
  it('TOTP', async () => {
    const flow = await untilSecondFactorByLink('totp@example.com');
    const nonce = flow.actor.getSnapshot().context.magicLink?.nonce ?? '';
    expect(flow.view().step).toBe('mfa_otp');
    flow.actor.send({ type: 'SUBMIT_MFA_CODE', otp: totp('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP') });
    await flow.until(signedIn);
    expectLinkNonceKept(flow, nonce);
    expect(flow.view().claims?.amr).toEqual(['mfa']);
    flow.actor.stop();
  });

  it('SMS binding code', async () => {
    const flow = await untilSecondFactorByLink('sms-mfa@example.com');
    const nonce = flow.actor.getSnapshot().context.magicLink?.nonce ?? '';
    expect(flow.view().step).toBe('mfa_oob');
    flow.actor.send({ type: 'SUBMIT_MFA_CODE', otp: (await latest('+15555550101')).code ?? '' });
    await flow.until(signedIn);
    expectLinkNonceKept(flow, nonce);
    flow.actor.stop();
  });

  it('push, approved', async () => {
    const flow = await untilSecondFactorByLink('push@example.com', { manualTime: true });
    const nonce = flow.actor.getSnapshot().context.magicLink?.nonce ?? '';
    expect(flow.view().step).toBe('mfa_push');
    const push = await latest('push@example.com');
    await fetch(`${flow.actor.getSnapshot().context.config.baseUrl}/__dev/push/${push.id}/approve`, {
      method: 'POST',
    });
    await advanceEmulatorClock(6, emulator.url);
    flow.actor.send({ type: 'TICK', now: Date.now() + 6000 });
    await flow.until(signedIn);
    expectLinkNonceKept(flow, nonce);
    flow.actor.stop();
  });

  it('recovery code', async () => {
    const flow = await untilSecondFactorByLink('recovery@example.com');
    const nonce = flow.actor.getSnapshot().context.magicLink?.nonce ?? '';
    flow.actor.send({ type: 'USE_RECOVERY_CODE' });
    flow.actor.send({ type: 'SUBMIT_RECOVERY_CODE', recoveryCode: 'RECOVERYUSERCODE00000001' });
    await flow.until(signedIn);
    expectLinkNonceKept(flow, nonce);
    flow.actor.stop();
  });

  it('enrolment of an authenticator app', async () => {
    const flow = await untilSecondFactorByLink('enroll@example.com');
    const nonce = flow.actor.getSnapshot().context.magicLink?.nonce ?? '';
    expect(flow.view().step).toBe('mfa_enroll');
    flow.actor.send({ type: 'ENROLL', factor: 'otp' });
    await flow.until('mfa_otp');
    flow.actor.send({ type: 'SUBMIT_MFA_CODE', otp: totp(flow.view().mfa?.enrollment?.secret ?? '') });
    await flow.until(signedIn);
    expectLinkNonceKept(flow, nonce);
    flow.actor.stop();
  });

  it('enrolment by SMS for an app that requires MFA of everyone', async () => {
    const email = `link-new-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const flow = await untilSecondFactorByLink(email, { clientId: 'pwl-mfa' });
    const nonce = flow.actor.getSnapshot().context.magicLink?.nonce ?? '';
    expect(flow.view().step).toBe('mfa_enroll');
    flow.actor.send({ type: 'ENROLL', factor: 'sms', phoneNumber: '+15555550178' });
    await flow.until('mfa_oob');
    flow.actor.send({ type: 'SUBMIT_MFA_CODE', otp: (await latest('+15555550178')).code ?? '' });
    await flow.until(signedIn);
    expectLinkNonceKept(flow, nonce);
    flow.actor.stop();
  });
});
