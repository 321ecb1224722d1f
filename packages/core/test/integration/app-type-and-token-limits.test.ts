import { startEmulator, type RunningEmulator } from '@passwordless-xstate/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latest, startFlow } from './helpers.ts';

describe('an SPA application, which Auth0 refuses the passwordless OTP grant', () => {
  it('ends in grant_not_enabled with a message that names the application-type restriction', async () => {
    const flow = startFlow({ clientId: 'pwl-spa' });
    flow.actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com' });
    await flow.until('code');
    const { code } = await latest('alice@example.com');
    flow.actor.send({ type: 'SUBMIT_CODE', otp: code ?? '' });
    const snapshot = await flow.until((next) => next.matches('sent') && next.context.error !== null);
    expect(snapshot.context.error).toMatchObject({
      code: 'grant_not_enabled',
      status: 403,
      auth0Error: 'unauthorized_client',
    });
    expect(snapshot.context.error?.message).toMatch(/does not allow it for Single Page Applications/);
    expect(snapshot.context.error?.message).toMatch(/Native application/);
    flow.actor.stop();
  });
});

describe('Auth0’s rate limit on the token endpoint', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    // A bucket of 2 with no refill in the test's lifetime, so the third token call is refused.
    emulator = await startEmulator({
      port: 0,
      log: false,
      config: { limits: { tokenEndpoint: { burst: 2, refill: 1, perSeconds: 3600 } } },
    });
  });
  afterAll(() => emulator.close());

  it('surfaces a 429 on the code exchange as rate_limited with retryAfter, and refuses early retries', async () => {
    const flow = startFlow({ baseUrl: `${emulator.url}/`, manualTime: true });
    flow.actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com' });
    await flow.until('code');
    const right = emulator.latestCode('alice@example.com') ?? '';
    for (const otp of ['000001', '000002'].map((wrong) => (wrong === right ? '000003' : wrong))) {
      flow.actor.send({ type: 'SUBMIT_CODE', otp });
      await flow.until((next) => next.matches('sent') && next.context.error?.code === 'invalid_code');
    }
    flow.actor.send({ type: 'SUBMIT_CODE', otp: right });
    const limited = await flow.until((next) => next.context.error?.code === 'rate_limited');
    const error = limited.context.error;
    expect(error).toMatchObject({ status: 429 });
    expect(error?.retryAfter).toBeGreaterThan(0);
    expect(error?.rateLimit).toMatchObject({ limit: 2, remaining: 0 });

    // Asked again within Retry-After: refused here, without a request that would burn an attempt.
    flow.actor.send({ type: 'SUBMIT_CODE', otp: '123456' });
    expect(flow.view().error).toMatchObject({ code: 'rate_limited' });
    expect(flow.actor.getSnapshot().matches('verifying')).toBe(false);
    flow.actor.stop();
  });
});
