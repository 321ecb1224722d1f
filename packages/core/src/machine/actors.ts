import { fromCallback, fromPromise } from 'xstate';
import type { Authenticator } from '../api/authenticators.ts';
import { loadAuth0Calls, type Auth0Client } from '../api/client.ts';
import type { AssociateResult, ChallengeResult } from '../api/mfa.ts';
import { toSession, type NonceCheck } from './session-from-tokens.ts';
import type { Connection, EnrollmentFactor, PasswordlessConfig, SendMode, Session } from './types.ts';
import { compact } from '../compact.ts';
import { isPasswordlessError } from '../errors.ts';
import {
  browserLinkStorage,
  createLinkActors,
  markLinkUsed,
  shareLink,
  type LinkStorageResolver,
} from './link-sharing.ts';

/** Finds the Auth0 client for a chart's config (one per config, so ID-token keys are cached). */
export type ClientResolver = (config: PasswordlessConfig) => Auth0Client;

export interface WithConfig {
  config: PasswordlessConfig;
}
export interface WithMfaToken extends WithConfig {
  mfaToken: string;
  /** The magic link's nonce when the first factor was a link (see `mfaNonceCheck`). */
  linkNonce?: string;
}

export interface StartInput extends WithConfig {
  connection: Connection;
  send: SendMode;
  identifier: string;
  magicLink: { state: string; nonce: string } | null;
}
export interface ExchangeOtpInput extends WithConfig {
  connection: Connection;
  identifier: string;
  otp: string;
}
export interface MagicLinkInput extends WithConfig {
  callbackUrl: string;
  magicLink: { state: string; nonce: string } | null;
}
export interface AssociateInput extends WithMfaToken {
  factor: EnrollmentFactor;
  phoneNumber?: string;
  email?: string;
}

/** The factor types of Auth0's `mfa_requirements` (empty when the tenant does not send them). */
export interface MfaRequirementTypes {
  challengeTypes: string[];
  enrollTypes: string[];
}

// When `mfa_requirements` offer a TOTP and nothing else (but the recovery code, which has its own
// path), listing the authenticators would only confirm it: the code is checked with the `mfa_token`
// alone, so one request fewer (3 for a code + TOTP login, the protocol's minimum).
const otpIsTheOnlyFactor = ({ challengeTypes, enrollTypes }: MfaRequirementTypes) =>
  enrollTypes.length === 0 &&
  challengeTypes.includes('otp') &&
  challengeTypes.every((type) => type === 'otp' || type === 'recovery-code');

/** Stands for the one TOTP authenticator the requirements promise (its real id is not needed). */
const onlyOtpAuthenticator: Authenticator = {
  id: 'otp',
  type: 'otp',
  authenticatorType: 'otp',
  active: true,
};

// After a magic link, the token minted by the MFA grant is checked against the link's nonce when it
// carries one; Auth0 does not document whether it does, so a token without one is accepted too.
const mfaNonceCheck = (input: WithMfaToken): NonceCheck | undefined =>
  input.linkNonce === undefined ? undefined : { nonce: input.linkNonce, mayBeAbsent: true };

/**
 * The chart's actors, each one Auth0 call that aborts with the state that invoked it. `now` is the
 * clock they stamp times with (when a code was sent, the ticker); a server passes its own.
 */
export function createPasswordlessActors(
  clientFor: ClientResolver,
  now: () => number = Date.now,
  linkStorageFor: LinkStorageResolver = browserLinkStorage,
) {
  return {
    ...createLinkActors(linkStorageFor, now),
    startPasswordless: fromPromise<{ sentAt: number }, StartInput>(async ({ input, signal }) => {
      const { config } = input;
      const identity =
        input.connection === 'email'
          ? { connection: 'email' as const, email: input.identifier }
          : { connection: 'sms' as const, phoneNumber: input.identifier };
      await clientFor(config).startPasswordless({
        ...identity,
        send: input.send,
        signal,
        ...compact({
          language: config.language,
          forwardedFor: config.forwardedFor,
          authParams:
            input.send === 'link' && input.magicLink
              ? {
                  responseType: 'code' as const,
                  redirectUri: config.redirectUri,
                  state: input.magicLink.state,
                  nonce: input.magicLink.nonce,
                }
              : undefined,
        }),
      });
      const sentAt = now();
      if (input.send === 'link' && input.magicLink) {
        const codeExpiresAt = sentAt + config.codeLifetimeSeconds * 1000;
        const link = { ...input.magicLink, identifier: input.identifier, codeSentAt: sentAt, codeExpiresAt };
        shareLink(linkStorageFor(), link, sentAt);
      }
      return { sentAt };
    }),

    exchangeOtp: fromPromise<Session, ExchangeOtpInput>(async ({ input, signal }) => {
      const client = clientFor(input.config);
      const tokens = await client.exchangeOtp({
        realm: input.connection,
        username: input.identifier,
        otp: input.otp,
        signal,
        ...compact({ forwardedFor: input.config.forwardedFor }),
      });
      return toSession(client, input.config, tokens, { signal });
    }),

    exchangeMagicLinkCode: fromPromise<Session, MagicLinkInput>(async ({ input, signal }) => {
      const client = clientFor(input.config);
      const { parseMagicLinkCallback } = await loadAuth0Calls();
      const callback = parseMagicLinkCallback(input.callbackUrl, {
        expectedState: input.magicLink?.state ?? '',
      });
      // Used once Auth0 answered with tokens or an MFA step: other tabs must not offer it again.
      const used = () => markLinkUsed(linkStorageFor(), callback.state ?? '', now());
      const tokens = await client
        .exchangeAuthorizationCode({
          code: callback.code,
          redirectUri: input.config.redirectUri ?? '',
          signal,
        })
        .catch((error: unknown) => {
          if (isPasswordlessError(error, 'mfa_required')) used();
          throw error;
        });
      used();
      const nonceCheck = input.magicLink ? { nonce: input.magicLink.nonce } : undefined;
      return toSession(client, input.config, tokens, { nonceCheck, signal });
    }),

    listAuthenticators: fromPromise<Authenticator[], WithMfaToken & MfaRequirementTypes>(
      async ({ input, signal }) =>
        otpIsTheOnlyFactor(input)
          ? [onlyOtpAuthenticator]
          : clientFor(input.config).listAuthenticators({ mfaToken: input.mfaToken, signal }),
    ),

    requestChallenge: fromPromise<ChallengeResult, WithMfaToken & { authenticatorId: string | null }>(
      ({ input, signal }) =>
        clientFor(input.config).challenge({
          mfaToken: input.mfaToken,
          signal,
          ...compact({ authenticatorId: input.authenticatorId ?? undefined }),
        }),
    ),

    associateAuthenticator: fromPromise<AssociateResult, AssociateInput>(({ input, signal }) => {
      const client = clientFor(input.config);
      const base = { mfaToken: input.mfaToken, signal };
      switch (input.factor) {
        case 'otp':
        case 'push':
          return client.associate({ ...base, type: input.factor });
        case 'email':
          return client.associate({ ...base, type: 'email', email: input.email ?? '' });
        case 'sms':
        case 'voice':
          return client.associate({ ...base, type: input.factor, phoneNumber: input.phoneNumber ?? '' });
      }
    }),

    verifyMfaOtp: fromPromise<Session, WithMfaToken & { otp: string }>(async ({ input, signal }) => {
      const client = clientFor(input.config);
      const tokens = await client.verifyMfaOtp({ mfaToken: input.mfaToken, otp: input.otp, signal });
      return toSession(client, input.config, tokens, { nonceCheck: mfaNonceCheck(input), signal });
    }),

    verifyMfaOob: fromPromise<Session, WithMfaToken & { oobCode: string; bindingCode?: string }>(
      async ({ input, signal }) => {
        const client = clientFor(input.config);
        const tokens = await client
          .verifyMfaOob({
            mfaToken: input.mfaToken,
            oobCode: input.oobCode,
            signal,
            ...(input.bindingCode === undefined ? {} : { bindingCode: input.bindingCode }),
          })
          .catch((error: unknown) => {
            if (typeof error === 'object' && error !== null) answeredAt.set(error, now());
            throw error;
          });
        return toSession(client, input.config, tokens, { nonceCheck: mfaNonceCheck(input), signal });
      },
    ),

    verifyRecoveryCode: fromPromise<
      Session & { newRecoveryCode: string | null },
      WithMfaToken & { recoveryCode: string }
    >(async ({ input, signal }) => {
      const client = clientFor(input.config);
      const result = await client.verifyRecoveryCode({
        mfaToken: input.mfaToken,
        recoveryCode: input.recoveryCode,
        signal,
      });
      return {
        ...(await toSession(client, input.config, result, { nonceCheck: mfaNonceCheck(input), signal })),
        newRecoveryCode: result.newRecoveryCode ?? null,
      };
    }),

    refreshSession: fromPromise<Session, WithConfig & { refreshToken: string }>(async ({ input, signal }) => {
      const client = clientFor(input.config);
      const tokens = await client.refresh({ refreshToken: input.refreshToken, signal });
      return toSession(client, input.config, tokens, { signal });
    }),

    revokeSession: fromPromise<void, WithConfig & { refreshToken: string | null }>(
      async ({ input, signal }) => {
        if (input.refreshToken)
          await clientFor(input.config).revoke({ refreshToken: input.refreshToken, signal });
      },
    ),

    /** Reports the time every second so countdowns and expiries are plain guards on context. */
    ticker: fromCallback<{ type: 'noop' }>(({ sendBack }) => {
      const tick = () => sendBack({ type: 'TICK', now: now() });
      tick();
      const interval = setInterval(tick, 1000);
      return () => clearInterval(interval);
    }),
  };
}

export type PasswordlessActors = ReturnType<typeof createPasswordlessActors>;

// When the answer to a push poll arrived. The chart's own clock is the last TICK, up to a second
// older; scheduling the next poll from it makes polls come a little too soon for Auth0 (slow_down).
const answeredAt = new WeakMap<object, number>();

/** When the push poll that failed with `error` was answered, if the answer came from `verifyMfaOob`. */
export const answeredAtOf = (error: unknown): number | undefined =>
  typeof error === 'object' && error !== null ? answeredAt.get(error) : undefined;
