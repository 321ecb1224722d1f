import { createActor, fromCallback, fromPromise, SimulatedClock, waitFor } from 'xstate';
import { describe, expect, it } from 'vitest';
import type { StartInput } from '../../src/machine/actors.ts';
import { passwordlessMachine } from '../../src/machine/machine.ts';
import { getPasswordlessView } from '../../src/machine/view.ts';
import { chart, fail, session, settle, T0 } from './harness.ts';

async function signedIn(replies: Parameters<typeof chart>[0] = {}) {
  const harness = chart(replies);
  harness.actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com' });
  await settle();
  harness.actor.send({ type: 'SUBMIT_CODE', otp: '123456' });
  await settle();
  return harness;
}

describe('authenticated', () => {
  it('refreshes shortly before the access token expires and keeps the refresh token Auth0 did not resend', async () => {
    const { actor, calls } = await signedIn({
      refreshSession: session({ accessToken: 'access-2', refreshToken: undefined, expiresAt: T0 + 7200_000 }),
    });
    actor.send({ type: 'TICK', now: T0 + 3600_000 - 61_000 });
    expect(calls.refreshSession).toBeUndefined();
    actor.send({ type: 'TICK', now: T0 + 3600_000 - 60_000 });
    await settle();
    expect(calls.refreshSession?.[0]?.input).toMatchObject({ refreshToken: 'refresh-token-SECRET' });
    const tokens = actor.getSnapshot().context.session?.tokens;
    expect(tokens).toMatchObject({
      accessToken: 'access-2',
      refreshToken: 'refresh-token-SECRET',
      expiresAt: T0 + 7200_000,
    });
  });

  it('signs out when the refresh token was revoked', async () => {
    const { actor } = await signedIn({ refreshSession: fail('invalid_refresh_token', { status: 403 }) });
    actor.send({ type: 'REFRESH' });
    await settle();
    expect(getPasswordlessView(actor.getSnapshot())).toMatchObject({
      step: 'identify',
      error: { code: 'invalid_refresh_token' },
      session: null,
    });
  });

  it('keeps the session after a network failure and retries with a growing wait: 5 s, 10 s, 20 s', async () => {
    const { actor, callCount } = await signedIn({ refreshSession: fail('network') });
    actor.send({ type: 'TICK', now: T0 + 3590_000 });
    await settle();
    expect(callCount('refreshSession')).toBe(1);
    expect(getPasswordlessView(actor.getSnapshot())).toMatchObject({
      step: 'authenticated',
      error: { code: 'network' },
    });
    const attemptsBy = async (seconds: number) => {
      actor.send({ type: 'TICK', now: T0 + 3590_000 + seconds * 1000 });
      await settle();
      return callCount('refreshSession');
    };
    expect(await attemptsBy(4)).toBe(1);
    expect(await attemptsBy(5)).toBe(2);
    expect(await attemptsBy(14)).toBe(2);
    expect(await attemptsBy(15)).toBe(3);
    expect(await attemptsBy(34)).toBe(3);
    expect(await attemptsBy(35)).toBe(4);
  });

  it('waits as long as a 429 on the refresh asks (Retry-After)', async () => {
    const { actor, callCount } = await signedIn({
      refreshSession: fail('rate_limited', { status: 429, retryAfter: 120 }),
    });
    actor.send({ type: 'REFRESH' });
    await settle();
    expect(callCount('refreshSession')).toBe(1);
    actor.send({ type: 'TICK', now: T0 + 119_000 });
    await settle();
    expect(callCount('refreshSession')).toBe(1);
    actor.send({ type: 'TICK', now: T0 + 120_000 });
    await settle();
    expect(callCount('refreshSession')).toBe(2);
  });

  it.each([
    { lifetimeSeconds: 30, maxRefreshes: 5 },
    { lifetimeSeconds: 60, maxRefreshes: 3 },
    { lifetimeSeconds: 2, maxRefreshes: 13 },
  ])(
    'a token that lives $lifetimeSeconds s (not longer than the 60 s leeway) is refreshed at most $maxRefreshes times a minute',
    async ({ lifetimeSeconds, maxRefreshes }) => {
      let now = T0;
      const { actor, callCount } = await signedIn({
        exchangeOtp: () => session({ expiresAt: now + lifetimeSeconds * 1000 }),
        refreshSession: () => session({ expiresAt: now + lifetimeSeconds * 1000 }),
      });
      for (let step = 0; step < 600; step += 1) {
        now += 100;
        actor.send({ type: 'TICK', now });
        await settle();
      }
      expect(callCount('refreshSession')).toBeGreaterThanOrEqual(1);
      expect(callCount('refreshSession')).toBeLessThanOrEqual(maxRefreshes);
      expect(actor.getSnapshot().matches('authenticated')).toBe(true);
    },
  );

  it('revokes the refresh token on LOGOUT and signs out locally even when revoking fails', async () => {
    const { actor, calls } = await signedIn({ revokeSession: fail('invalid_grant', { status: 400 }) });
    actor.send({ type: 'LOGOUT' });
    await settle();
    const revoked = calls.revokeSession?.map((call) => call.input) ?? [];
    expect(revoked).toContainEqual(expect.objectContaining({ refreshToken: 'refresh-token-SECRET' }));
    // Auth0 refused the token itself: nothing is left to revoke, so nothing is pending.
    expect(getPasswordlessView(actor.getSnapshot())).toMatchObject({
      step: 'identify',
      session: null,
      error: null,
      logoutIncomplete: false,
    });
  });

  it('says the logout is incomplete when revoking failed offline, and revokes again on the way back to identify', async () => {
    let failuresLeft = 2;
    const { actor, calls } = await signedIn({
      revokeSession: (input: { refreshToken: string | null }) =>
        input.refreshToken && failuresLeft-- > 0 ? fail('network') : undefined,
    });
    const revocations = () =>
      (calls.revokeSession ?? []).filter(
        (call) => (call.input as { refreshToken: string | null }).refreshToken === 'refresh-token-SECRET',
      ).length;
    actor.send({ type: 'LOGOUT' });
    await settle();
    await settle();
    // The logout's own attempt and the retry on entering identify both failed.
    expect(revocations()).toBe(2);
    expect(getPasswordlessView(actor.getSnapshot())).toMatchObject({
      step: 'identify',
      session: null,
      logoutIncomplete: true,
    });
    actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com' });
    await settle();
    actor.send({ type: 'CHANGE_IDENTIFIER' });
    await settle();
    expect(revocations()).toBe(3);
    expect(getPasswordlessView(actor.getSnapshot()).logoutIncomplete).toBe(false);
  });
});

describe('magic links', () => {
  it('sends a link with fresh state and nonce and completes on the callback', async () => {
    const harness = chart();
    harness.actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com', send: 'link' });
    await settle();
    const { context } = harness.actor.getSnapshot();
    expect(getPasswordlessView(harness.actor.getSnapshot()).step).toBe('link_sent');
    expect(context.magicLink?.state).toMatch(/^[0-9a-f]{32}$/);
    expect(harness.calls.startPasswordless?.[0]?.input).toMatchObject({
      send: 'link',
      magicLink: context.magicLink,
    });
    harness.actor.send({ type: 'SUBMIT_CODE', otp: '123456' });
    expect(harness.callCount('exchangeOtp')).toBe(0);
    harness.actor.send({
      type: 'MAGIC_LINK_CALLBACK',
      callbackUrl: 'https://app.test/callback?code=abc&state=x',
    });
    await settle();
    expect(harness.calls.exchangeMagicLinkCode?.[0]?.input).toMatchObject({ magicLink: context.magicLink });
    expect(harness.actor.getSnapshot().matches('authenticated')).toBe(true);
  });

  it('refuses links without a configured redirectUri', async () => {
    const harness = chart({}, { redirectUri: undefined });
    harness.actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com', send: 'link' });
    expect(harness.actor.getSnapshot().context.error?.code).toBe('bad_request');
    expect(harness.callCount('startPasswordless')).toBe(0);
  });

  it('reports a callback that arrives without a pending link, here or in another tab', async () => {
    const harness = chart();
    harness.actor.send({
      type: 'MAGIC_LINK_CALLBACK',
      callbackUrl: 'https://app.test/callback?code=abc&state=s',
    });
    // The callback is read with the Auth0 calls, which may still be loading (a chunk of their own).
    await waitFor(harness.actor, (snapshot) => !snapshot.matches({ identify: 'adoptingLink' }), {
      timeout: 10_000,
    });
    expect(harness.actor.getSnapshot().matches({ identify: 'editing' })).toBe(true);
    expect(harness.actor.getSnapshot().context.error).toMatchObject({
      code: 'state_mismatch',
      message: expect.stringMatching(/another browser or on another device.*request a new one here/),
    });
  });

  it('shows a state mismatch from the callback as an error on the waiting step', async () => {
    const harness = chart({ exchangeMagicLinkCode: fail('state_mismatch') });
    harness.actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com', send: 'link' });
    await settle();
    harness.actor.send({
      type: 'MAGIC_LINK_CALLBACK',
      callbackUrl: 'https://app.test/callback?code=abc&state=forged',
    });
    await settle();
    expect(getPasswordlessView(harness.actor.getSnapshot())).toMatchObject({
      step: 'link_sent',
      error: { code: 'state_mismatch' },
    });
  });
});

describe('no state waits forever', () => {
  it('gives up on a request that never answers, after the request timeout', async () => {
    const clock = new SimulatedClock();
    const hanging = fromPromise<{ sentAt: number }, StartInput>(() => new Promise(() => {}));
    const actor = createActor(
      passwordlessMachine.provide({ actors: { startPasswordless: hanging, ticker: fromCallback(() => {}) } }),
      { clock, input: { clientId: 'client', domain: 'tenant.test', requestTimeoutMs: 1000 } },
    ).start();
    actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com' });
    clock.increment(5999);
    expect(actor.getSnapshot().matches({ identify: 'submitting' })).toBe(true);
    clock.increment(1);
    expect(actor.getSnapshot().matches({ identify: 'editing' })).toBe(true);
    expect(actor.getSnapshot().context.error?.code).toBe('timeout');
  });
});
