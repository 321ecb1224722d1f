import { createInspector, type StatelyInspectionEvent } from '@statelyai/inspect';
import { startEmulator, type RunningEmulator } from '@passwordless-xstate/emulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InspectionEvent } from 'xstate';
import { persistPasswordless } from '../../src/machine/persistence.ts';
import type { PasswordlessSnapshot } from '../../src/machine/view.ts';
import { advanceEmulatorClock, latest, outbox, startFlow, totp } from './helpers.ts';

const clientSecret = 'pwl-web-secret-for-local-development-only';

/** Everything a secret could leak into: inspection (raw and Stately's), stored snapshots, console. */
function collector() {
  const raw: InspectionEvent[] = [];
  const stately: StatelyInspectionEvent[] = [];
  const statelyInspector = createInspector({
    send: (event) => void stately.push(event),
    start: () => {},
    stop: () => {},
  });
  const stored: string[] = [];
  const storage = {
    getItem: () => null,
    setItem: (_key: string, value: string) => void stored.push(value),
    removeItem: () => {},
  };
  const inspect = (event: InspectionEvent) => {
    raw.push(event);
    statelyInspector.inspect.next?.(event);
  };
  const dump = () =>
    JSON.stringify([raw, stately, stored], (_key, value: unknown) =>
      typeof value === 'function' ? undefined : value,
    );
  return { inspect, storage, stored, dump, statelyCount: () => stately.length };
}

const secretsOf = (snapshot: PasswordlessSnapshot) => {
  const { session, mfa } = snapshot.context;
  return [
    session?.tokens.accessToken,
    session?.tokens.idToken,
    session?.tokens.refreshToken,
    mfa?.mfaToken,
    mfa?.challenge?.oobCode,
    mfa?.enrollment?.secret,
  ].filter((value): value is string => Boolean(value));
};

describe('no secret reaches inspection, stored snapshots or the console across full flows', () => {
  // Its own emulator: the seeded users' codes would otherwise race with other test files.
  let emulator: RunningEmulator;
  beforeAll(async () => void (emulator = await startEmulator({ port: 0, log: false })));
  afterAll(() => emulator.close());
  const consoleLines: string[] = [];
  beforeEach(() => {
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation(
        (...args: unknown[]) => void consoleLines.push(args.map(String).join(' ')),
      );
    }
  });
  afterEach(() => vi.restoreAllMocks());

  it('code, link, every MFA factor, enrolment, refresh, logout and a confidential client', async () => {
    const secrets = new Set<string>([clientSecret]);
    const seen = collector();
    const remember = (snapshot: PasswordlessSnapshot) =>
      secretsOf(snapshot).forEach((value) => secrets.add(value));
    const run = async (
      options: Parameters<typeof startFlow>[0],
      identifier: string,
      script: (flow: ReturnType<typeof startFlow>) => Promise<void>,
    ) => {
      const flow = startFlow({ baseUrl: emulator.url, ...options, inspect: seen.inspect });
      const unsubscribe = persistPasswordless(flow.actor, seen.storage);
      flow.actor.subscribe(remember);
      flow.actor.send({
        type: 'SUBMIT_IDENTIFIER',
        identifier,
        ...(options?.send ? { send: options.send } : {}),
      });
      await flow.until((snapshot) => !snapshot.hasTag('busy'));
      await script(flow);
      unsubscribe();
      flow.actor.stop();
    };
    const code = async (to: string) => {
      const value = (await latest(to, emulator.url)).code ?? '';
      secrets.add(value);
      return value;
    };
    const signedIn = (snapshot: PasswordlessSnapshot) => snapshot.matches({ authenticated: 'active' });
    const mfaWaiting = (snapshot: PasswordlessSnapshot) =>
      (snapshot.matches('mfa_required') || snapshot.matches('challenge')) && !snapshot.hasTag('busy');

    // E-mail code, refresh, logout, with a confidential client and its secret.
    const email = `leak-${Math.random().toString(36).slice(2, 8)}@example.com`;
    await run({ clientId: 'pwl-web', clientSecret }, email, async (flow) => {
      flow.actor.send({ type: 'SUBMIT_CODE', otp: await code(email) });
      await flow.until(signedIn);
      const before = flow.actor.getSnapshot().context.session?.tokens.accessToken;
      flow.actor.send({ type: 'REFRESH' });
      await flow.until(
        (snapshot) => signedIn(snapshot) && snapshot.context.session?.tokens.accessToken !== before,
      );
      flow.actor.send({ type: 'LOGOUT' });
      await flow.until('identify');
    });

    // Magic link.
    await run(
      { send: 'link', redirectUri: 'http://localhost:5173/callback' },
      `link-${email}`,
      async (flow) => {
        const { link } = await latest(`link-${email}`, emulator.url);
        const callbackUrl = (await fetch(link ?? '', { redirect: 'manual' })).headers.get('location') ?? '';
        secrets.add(new URL(callbackUrl).searchParams.get('code') ?? '');
        secrets.add(new URL(link ?? '').searchParams.get('verification_code') ?? '');
        flow.actor.send({ type: 'MAGIC_LINK_CALLBACK', callbackUrl });
        await flow.until(signedIn);
      },
    );

    // TOTP, then an SMS binding code, then push, then a recovery code.
    await run({}, 'totp@example.com', async (flow) => {
      flow.actor.send({ type: 'SUBMIT_CODE', otp: await code('totp@example.com') });
      await flow.until(mfaWaiting);
      const otp = totp('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
      secrets.add(otp);
      flow.actor.send({ type: 'SUBMIT_MFA_CODE', otp });
      await flow.until(signedIn);
    });
    await run({}, 'sms-mfa@example.com', async (flow) => {
      flow.actor.send({ type: 'SUBMIT_CODE', otp: await code('sms-mfa@example.com') });
      await flow.until(mfaWaiting);
      flow.actor.send({ type: 'SUBMIT_MFA_CODE', otp: await code('+15555550101') });
      await flow.until(signedIn);
    });
    await run({ manualTime: true }, 'push@example.com', async (flow) => {
      flow.actor.send({ type: 'TICK', now: Date.now() });
      flow.actor.send({ type: 'SUBMIT_CODE', otp: await code('push@example.com') });
      await flow.until(mfaWaiting);
      const push = (await outbox('push@example.com', emulator.url)).at(-1);
      await fetch(`${emulator.url}/__dev/push/${push?.id}/approve`, { method: 'POST' });
      await advanceEmulatorClock(6, emulator.url);
      flow.actor.send({ type: 'TICK', now: Date.now() + 60_000 });
      await flow.until(signedIn);
    });
    await run({}, 'multi@example.com', async (flow) => {
      flow.actor.send({ type: 'SUBMIT_CODE', otp: await code('multi@example.com') });
      await flow.until(mfaWaiting);
      flow.actor.send({ type: 'USE_RECOVERY_CODE' });
      secrets.add('MULTIUSERRECOVERYCODE001');
      flow.actor.send({ type: 'SUBMIT_RECOVERY_CODE', recoveryCode: 'MULTIUSERRECOVERYCODE001' });
      await flow.until(signedIn);
      secrets.add(flow.view().newRecoveryCode ?? '');
    });

    // Enrolment of e-mail as a factor for an app that demands MFA.
    const enrolling = `enrol-${email}`;
    await run({ clientId: 'pwl-mfa' }, enrolling, async (flow) => {
      flow.actor.send({ type: 'SUBMIT_CODE', otp: await code(enrolling) });
      await flow.until(mfaWaiting);
      flow.actor.send({ type: 'ENROLL', factor: 'otp' });
      await flow.until('mfa_otp');
      const enrollment = flow.view().mfa?.enrollment;
      (enrollment?.recoveryCodes ?? []).forEach((value) => secrets.add(value));
      const otp = totp(enrollment?.secret ?? '');
      secrets.add(otp);
      flow.actor.send({ type: 'SUBMIT_MFA_CODE', otp });
      await flow.until(signedIn);
    });

    // Stately's inspector forwards events asynchronously.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const dump = seen.dump() + consoleLines.join('\n');
    expect(seen.statelyCount()).toBeGreaterThan(50);
    expect(seen.stored.length).toBeGreaterThan(5);
    expect(dump).toContain('SUBMIT_CODE');
    expect(dump).toContain('[redacted]');
    const found = [...secrets].filter((secret) => secret.length >= 6 && dump.includes(secret));
    expect(found).toEqual([]);
    expect(secrets.size).toBeGreaterThan(20);
  }, 30_000);
});
