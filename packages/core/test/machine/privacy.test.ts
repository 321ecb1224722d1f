import { describe, expect, it } from 'vitest';
import { createActor, fromCallback, fromPromise, type InspectionEvent } from 'xstate';
import { redactInspection } from '../../src/privacy/inspect.ts';
import {
  createMemoryStorage,
  decidePersistence,
  persistPasswordless,
  restorePasswordless,
} from '../../src/machine/persistence.ts';
import { redactSecrets } from '../../src/privacy/redact.ts';
import { passwordlessMachine } from '../../src/machine/machine.ts';
import { getPasswordlessView } from '../../src/machine/view.ts';
import { authenticator, chart, fail, session, settle, T0 } from './harness.ts';

const secrets = [
  '123456',
  'mfa-token-SECRET',
  'access-token-SECRET',
  'id-token-SECRET',
  'refresh-token-SECRET',
  '654321',
  'NEWRECOVERY',
];

describe('redaction', () => {
  it('replaces secret fields deeply, keeps error codes, survives cycles', () => {
    const value: Record<string, unknown> = {
      otp: '1',
      error: { code: 'invalid_code' },
      nested: [{ mfaToken: 'x' }],
    };
    value.self = value;
    const redacted = redactSecrets(value);
    expect(redacted).toMatchObject({
      otp: '[redacted]',
      error: { code: 'invalid_code' },
      nested: [{ mfaToken: '[redacted]' }],
    });
    expect(value.otp).toBe('1');
  });

  it('lets no secret of a full MFA login reach an inspector', async () => {
    const seen: InspectionEvent[] = [];
    const harness = chart({
      exchangeOtp: fail('mfa_required', { mfaToken: 'mfa-token-SECRET' }),
      listAuthenticators: [
        authenticator('totp|dev_1', 'otp'),
        authenticator('recovery-code|dev_2', 'recovery-code'),
      ],
      verifyRecoveryCode: { ...session(), newRecoveryCode: 'NEWRECOVERYCODE000000001' },
    });
    const machine = harness.actor.logic;
    const actor = createActor(machine, {
      input: { clientId: 'client', domain: 'tenant.test' },
      inspect: redactInspection((event) => {
        seen.push(event);
        // Inspectors may read the live snapshot through the reference, too (not while it initialises).
        if (event.type === '@xstate.snapshot')
          seen.push({ ...event, snapshot: event.actorRef.getSnapshot() });
      }),
    }).start();
    actor.send({ type: 'TICK', now: T0 });
    actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'totp@example.com' });
    await settle();
    actor.send({ type: 'SUBMIT_CODE', otp: '123456' });
    await settle();
    await settle();
    actor.send({ type: 'USE_RECOVERY_CODE' });
    actor.send({ type: 'SUBMIT_RECOVERY_CODE', recoveryCode: 'OLDRECOVERYCODE654321' });
    await settle();
    expect(getPasswordlessView(actor.getSnapshot()).newRecoveryCode).toBe('NEWRECOVERYCODE000000001');
    const dump = JSON.stringify(seen, (_key, value: unknown) =>
      typeof value === 'function' ? undefined : value,
    );
    expect(seen.length).toBeGreaterThan(20);
    expect(dump).toContain('SUBMIT_CODE');
    for (const secret of [...secrets, 'OLDRECOVERYCODE654321']) expect(dump).not.toContain(secret);
  });
});

describe('persistence', () => {
  async function codeSent() {
    const harness = chart();
    harness.actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com' });
    await settle();
    return harness;
  }

  it('keeps the last waiting state while a request is in flight, so a reload never re-sends it', async () => {
    const harness = chart({ exchangeOtp: () => new Promise(() => {}) });
    const storage = createMemoryStorage();
    persistPasswordless(harness.actor, storage);
    harness.actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com' });
    expect(decidePersistence(harness.actor).kind).toBe('keep');
    await settle();
    const waiting = storage.getItem('passwordless-xstate');
    harness.actor.send({ type: 'SUBMIT_CODE', otp: '123456' });
    expect(storage.getItem('passwordless-xstate')).toBe(waiting);
    expect(waiting).not.toContain('123456');
  });

  it('restores the code step after a reload without sending a new code', async () => {
    const { actor } = await codeSent();
    const storage = createMemoryStorage();
    persistPasswordless(actor, storage);
    const restored = restorePasswordless(storage);
    expect(restored).toBeDefined();
    let starts = 0;
    const reloaded = createActor(
      passwordlessMachine.provide({
        actors: {
          ticker: fromCallback(() => {}),
          startPasswordless: fromPromise(async () => ((starts += 1), { sentAt: 0 })),
        },
      }),
      { snapshot: restored, input: { clientId: 'client', domain: 'tenant.test' } },
    ).start();
    const view = getPasswordlessView(reloaded.getSnapshot());
    expect(view).toMatchObject({ step: 'code', identifier: 'alice@example.com', attemptsLeft: 3 });
    expect(starts).toBe(0);
  });

  it('stores MFA and session states only when secrets are allowed', async () => {
    const { actor } = await codeSent();
    actor.send({ type: 'SUBMIT_CODE', otp: '123456' });
    await settle();
    expect(actor.getSnapshot().matches('authenticated')).toBe(true);
    const withoutSecrets = decidePersistence(actor);
    expect(withoutSecrets).toEqual({
      kind: 'interrupted',
      interrupted: {
        notice: 'session_ended',
        identifier: 'alice@example.com',
        connection: 'email',
        send: 'code',
      },
    });
    expect(JSON.stringify(withoutSecrets)).not.toContain('SECRET');
    const withSecrets = decidePersistence(actor, { includeSecrets: true });
    expect(withSecrets.kind).toBe('save');
    expect(JSON.stringify(withSecrets)).toContain('refresh-token-SECRET');
  });

  it('ignores unreadable or foreign stored data', () => {
    const storage = createMemoryStorage();
    storage.setItem('passwordless-xstate', '{not json');
    expect(restorePasswordless(storage)).toBeUndefined();
    storage.setItem('passwordless-xstate', JSON.stringify({ v: 99, snapshot: {} }));
    expect(restorePasswordless(storage)).toBeUndefined();
    expect(storage.getItem('passwordless-xstate')).toBeNull();
  });
});
