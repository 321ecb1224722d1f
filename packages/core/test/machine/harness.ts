import { createActor, fromCallback, fromPromise, type Snapshot } from 'xstate';
import type { Authenticator } from '../../src/api/authenticators.ts';
import type { AssociateResult, ChallengeResult } from '../../src/api/mfa.ts';
import { PasswordlessError, type PasswordlessErrorCode } from '../../src/errors.ts';
import { passwordlessMachine } from '../../src/machine/machine.ts';
import type { PasswordlessInput, Session } from '../../src/machine/types.ts';

export const T0 = Date.UTC(2026, 10, 21, 12, 0, 0);

export const fail = (
  code: PasswordlessErrorCode,
  extra: ConstructorParameters<typeof PasswordlessError>[1] = {},
) => new PasswordlessError(code, extra);

export function session(overrides: Partial<Session['tokens']> = {}): Session {
  return {
    tokens: {
      accessToken: 'access-token-SECRET',
      idToken: 'id-token-SECRET',
      refreshToken: 'refresh-token-SECRET',
      tokenType: 'Bearer',
      expiresAt: T0 + 3600_000,
      ...overrides,
    },
    claims: { iss: 'https://tenant.test/', sub: 'email|1', aud: 'client', exp: 0, iat: 0, email: 'a@b.co' },
    user: { sub: 'email|1', email: 'a@b.co' },
  };
}

type Reply<T> = T | Error | ((input: never) => T | Error | Promise<T>);

interface StubReplies {
  startPasswordless: Reply<{ sentAt: number }>;
  exchangeOtp: Reply<Session>;
  exchangeMagicLinkCode: Reply<Session>;
  listAuthenticators: Reply<Authenticator[]>;
  requestChallenge: Reply<ChallengeResult>;
  associateAuthenticator: Reply<AssociateResult>;
  verifyMfaOtp: Reply<Session>;
  verifyMfaOob: Reply<Session>;
  verifyRecoveryCode: Reply<Session & { newRecoveryCode: string | null }>;
  refreshSession: Reply<Session>;
  revokeSession: Reply<void>;
}

/**
 * The chart with every Auth0 call replaced through `.provide()` (the edge we do not own in unit
 * tests); each call's input and abort signal are recorded. Time moves only when a test sends TICK.
 */
export function chart(
  replies: Partial<StubReplies> = {},
  input: Partial<PasswordlessInput> = {},
  snapshot?: Snapshot<unknown>,
) {
  const calls: Record<string, Array<{ input: unknown; signal: AbortSignal }>> = {};
  // Each stub stands in for an actor of another input type; the cast keeps the map readable.
  const replyWith = <T>(name: keyof StubReplies, fallback: T): never =>
    fromPromise<T, unknown>(async ({ input: actorInput, signal }) => {
      (calls[name] ??= []).push({ input: actorInput, signal });
      const reply = (replies[name] ?? fallback) as Reply<T>;
      const value =
        typeof reply === 'function'
          ? await (reply as (input: unknown) => T | Error | Promise<T>)(actorInput)
          : reply;
      if (value instanceof Error) throw value;
      return value as T;
    }) as never;
  const machine = passwordlessMachine.provide({
    actors: {
      startPasswordless: replyWith('startPasswordless', { sentAt: T0 }),
      exchangeOtp: replyWith('exchangeOtp', session()),
      exchangeMagicLinkCode: replyWith('exchangeMagicLinkCode', session()),
      listAuthenticators: replyWith<Authenticator[]>('listAuthenticators', []),
      requestChallenge: replyWith<ChallengeResult>('requestChallenge', { challengeType: 'otp' }),
      associateAuthenticator: replyWith<AssociateResult>('associateAuthenticator', {
        authenticatorType: 'otp',
        secret: 'TOTPSECRET',
        barcodeUri: 'otpauth://totp/x',
      } as AssociateResult),
      verifyMfaOtp: replyWith('verifyMfaOtp', session()),
      verifyMfaOob: replyWith('verifyMfaOob', session()),
      verifyRecoveryCode: replyWith('verifyRecoveryCode', { ...session(), newRecoveryCode: null }),
      refreshSession: replyWith('refreshSession', session()),
      revokeSession: replyWith<void>('revokeSession', undefined),
      ticker: fromCallback(() => {}),
    },
  });
  const actor = createActor(machine, {
    input: { clientId: 'client', domain: 'tenant.test', redirectUri: 'https://app.test/callback', ...input },
    ...(snapshot ? { snapshot } : {}),
  });
  actor.start();
  actor.send({ type: 'TICK', now: T0 });
  return { actor, calls, callCount: (name: keyof StubReplies) => calls[name]?.length ?? 0 };
}

/** Lets promise actors settle. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

export const authenticator = (
  id: string,
  type: Authenticator['type'],
  extra: Partial<Authenticator> = {},
): Authenticator => ({
  id,
  type,
  authenticatorType: type === 'otp' || type === 'recovery-code' ? type : 'oob',
  active: true,
  ...extra,
});
