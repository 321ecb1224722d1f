import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { passwordlessMachine } from '../../src/machine/machine.ts';
import { createAuth0Client } from '../../src/api/client.ts';
import { createPasswordlessActor } from '../../src/machine/create.ts';
import type { PasswordlessInput } from '../../src/machine/types.ts';

const base = { domain: 'example.eu.auth0.com', clientId: 'native-client-id' };
const create = (settings: Partial<PasswordlessInput>) =>
  createPasswordlessActor({ ...base, ...settings } as PasswordlessInput);

describe('settings the chart cannot run with', () => {
  it.each([
    ['pushPollIntervalSeconds', Number('five')],
    ['pushPollIntervalSeconds', 0],
    ['pushPollIntervalSeconds', -5],
    ['codeLifetimeSeconds', Infinity],
    ['mfaTokenLifetimeSeconds', 0],
    ['requestTimeoutMs', -1],
    ['resendCooldownSeconds', -30],
    ['refreshLeewaySeconds', Number.NaN],
    ['maxAttempts', 0],
    ['maxAttempts', 2.5],
    ['maxAttempts', '3'],
  ])('refuses %s = %s when the actor is created, naming the setting', (name, value) => {
    expect(() => create({ [name]: value })).toThrow(RangeError);
    expect(() => create({ [name]: value })).toThrow(`passwordlessMachine: \`${name}\` must be`);
  });

  it('refuses an unknown connection or send mode', () => {
    expect(() => create({ connection: 'phone' as never })).toThrow(
      'passwordlessMachine: `connection` must be "email" or "sms" (got phone).',
    );
    expect(() => create({ send: 'magic' as never })).toThrow('`send` must be "code" or "link"');
  });

  it('accepts what is meant: no cooldown, no leeway, short lifetimes and intervals', () => {
    const actor = create({
      resendCooldownSeconds: 0,
      refreshLeewaySeconds: 0,
      pushPollIntervalSeconds: 0.5,
      codeLifetimeSeconds: 1,
      maxAttempts: 1,
      connection: 'sms',
      send: 'code',
    }).start();
    expect(actor.getSnapshot().context.config).toMatchObject({
      pushPollIntervalSeconds: 0.5,
      maxAttempts: 1,
    });
    expect(actor.getSnapshot().status).toBe('active');
    actor.stop();
  });

  it('stops a bare `createActor(passwordlessMachine)` with the same error', () => {
    const actor = createActor(passwordlessMachine, {
      input: { ...base, pushPollIntervalSeconds: -1 } as never,
    });
    const errors: unknown[] = [];
    actor.subscribe({ error: (error) => errors.push(error) });
    actor.start();
    expect(actor.getSnapshot().status).toBe('error');
    expect(String(errors[0])).toContain('`pushPollIntervalSeconds` must be a finite number above 0 (got -1)');
  });

  it("refuses the Auth0 client's timeout when it is not a positive number", () => {
    for (const timeoutMs of [Number.NaN, 0, -10])
      expect(() => createAuth0Client({ ...base, timeoutMs })).toThrow(
        `createAuth0Client: \`timeoutMs\` must be a finite number above 0 (got ${timeoutMs}).`,
      );
    expect(createAuth0Client({ ...base, timeoutMs: 250 }).clientId).toBe('native-client-id');
  });
});
