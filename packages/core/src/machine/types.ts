import type { Authenticator } from '../api/authenticators.ts';
import type { IdTokenClaims } from '../api/id-token-claims.ts';
import type { PasswordlessErrorJSON } from '../errors.ts';

export type Connection = 'email' | 'sms';
export type SendMode = 'code' | 'link';
export type EnrollmentFactor = 'otp' | 'sms' | 'voice' | 'email' | 'push';

/** Public, serialisable configuration: what the chart needs to decide, never a secret. */
export interface PasswordlessConfig {
  clientId: string;
  /** Tenant or custom domain (`example.eu.auth0.com`), or use `baseUrl`. */
  domain?: string;
  /** Full base URL, e.g. `http://127.0.0.1:4000/` for the emulator. */
  baseUrl?: string;
  audience?: string;
  /** Default `openid profile email phone offline_access`. */
  scope?: string;
  /** Where magic links land; required to send links. */
  redirectUri?: string;
  /** Preselected channel and mode of the identify step. */
  connection: Connection;
  send: SendMode;
  /** Template language for e-mails and SMS (`x-request-language`). */
  language?: string;
  /** End-user IP for `auth0-forwarded-for` (confidential server-side apps only). */
  forwardedFor?: string;
  resendCooldownSeconds: number;
  codeLifetimeSeconds: number;
  maxAttempts: number;
  pushPollIntervalSeconds: number;
  mfaTokenLifetimeSeconds: number;
  /** Refresh this many seconds before the access token expires. */
  refreshLeewaySeconds: number;
  /** Per HTTP request; the chart gives up on a request a little after this. */
  requestTimeoutMs: number;
  /** Check ID tokens as Auth0's SDKs do (signature, iss, aud, exp, nonce). */
  validateIdToken: boolean;
}

/** What `createActor(passwordlessMachine, { input })` takes: `clientId` plus `domain` or `baseUrl`. */
export type PasswordlessInput = Pick<PasswordlessConfig, 'clientId'> &
  Partial<Omit<PasswordlessConfig, 'clientId'>> & {
    /**
     * Set by `passwordlessActorArgs` when a stored flow could not be resumed (another chart version,
     * damaged): the flow starts over with a `flow_discarded` error that says so.
     */
    discardedSnapshot?: boolean;
    /**
     * Set by `passwordlessActorArgs` when storage says a reload ended a flow that kept its secrets in
     * memory only: the identify step starts prefilled, with `notice` saying what happened.
     */
    interrupted?: InterruptedFlow;
  };

/** Why a flow starts over after a reload: it was mid-MFA, or signed in, and kept no secrets in storage. */
export type PasswordlessNotice =
  | 'flow_interrupted'
  | 'session_ended'
  /** The magic link was opened in another tab of this browser, which continues the sign-in. */
  | 'link_opened_elsewhere';

/** What storage keeps of a flow it may not keep (secrets in memory only): enough to say so and prefill. */
export interface InterruptedFlow {
  notice: PasswordlessNotice;
  identifier: string;
  connection: Connection;
  send: SendMode;
}

/** A code that was still usable when the person chose "use a different address". */
export interface PreviousSend {
  identifier: string;
  connection: Connection;
  send: SendMode;
  codeSentAt: number;
  codeExpiresAt: number | null;
  resendAvailableAt: number | null;
  attemptsLeft: number;
  sends: number;
  magicLink: { state: string; nonce: string } | null;
}

/**
 * A `PasswordlessError` as plain data, so snapshots stay serialisable: what a UI shows (code,
 * message, status, Auth0's error and description, and for `rate_limited` how long to wait).
 */
export type PasswordlessErrorInfo = Pick<
  PasswordlessErrorJSON,
  'code' | 'message' | 'status' | 'auth0Error' | 'auth0Description' | 'retryAfter' | 'rateLimit'
>;

export interface SessionTokens {
  accessToken: string;
  idToken?: string;
  refreshToken?: string;
  tokenType: string;
  scope?: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export interface SessionUser {
  sub: string;
  name?: string;
  nickname?: string;
  email?: string;
  emailVerified?: boolean;
  phoneNumber?: string;
  picture?: string;
}

export interface Session {
  tokens: SessionTokens;
  /** Validated ID-token claims (`null` when no ID token was issued or validation is off). */
  claims: IdTokenClaims | null;
  user: SessionUser | null;
}

export interface MfaChallengeState {
  type: 'otp' | 'oob' | 'push' | 'recovery';
  oobCode?: string;
  /** Push polling: milliseconds between polls (grows by 5 s on `slow_down`) and when to poll next. */
  pollIntervalMs?: number;
  nextPollAt?: number;
  polls?: number;
}

export interface MfaEnrollment {
  factor: EnrollmentFactor;
  /** Base32 TOTP secret, for people who cannot scan. */
  secret?: string;
  /** `otpauth://` URI to show as a QR code (OTP, and push for the Guardian app). */
  barcodeUri?: string;
  oobCode?: string;
  /** Shown once, at the first enrolment. */
  recoveryCodes?: string[];
}

export interface MfaState {
  mfaToken: string;
  /** Milliseconds since the epoch; Auth0's `mfa_token` lives 10 minutes. */
  expiresAt: number;
  /** Factor types from `mfa_requirements` (empty when the tenant does not send them). */
  challengeTypes: string[];
  enrollTypes: string[];
  authenticators: Authenticator[];
  hasRecoveryCode: boolean;
  selectedAuthenticatorId: string | null;
  challenge: MfaChallengeState | null;
  enrollment: MfaEnrollment | null;
}

/** When the session is refreshed next: planned from the token's lifetime, pushed back after failures. */
export interface RefreshPlan {
  at: number;
  /** Refresh attempts that failed in a row (each doubles the wait before the next). */
  failures: number;
}

export interface DeviceState {
  /** Until when a 429's `Retry-After` holds: requests the person asks for meanwhile are refused here. */
  retryAt: number | null;
  /** A refresh token whose revocation at logout failed; revoked again on the way into identify. */
  pendingRevocation: { refreshToken: string } | null;
  /** The code sent before "use a different address": the same address within its cooldown gets it back. */
  previousSend: PreviousSend | null;
}

/**
 * The chart's data. At most 19 top-level fields: XState copies the context with `Object.assign` on
 * every update, and V8 gives the copy of a larger object slow (dictionary) properties, which made
 * each update about five times as costly (`test/machine/context-shape.test.ts`).
 */
export interface PasswordlessContext {
  config: PasswordlessConfig;
  /** Last time the chart was told (`TICK`); every timer compares against it. */
  now: number;
  connection: Connection;
  send: SendMode;
  identifier: string;
  error: PasswordlessErrorInfo | null;
  attemptsLeft: number;
  codeSentAt: number | null;
  codeExpiresAt: number | null;
  resendAvailableAt: number | null;
  /** `state` and `nonce` sent with a magic link, checked on its callback. */
  magicLink: { state: string; nonce: string } | null;
  mfa: MfaState | null;
  session: Session | null;
  /** When the session is refreshed next; `null` without a session. */
  refresh: RefreshPlan | null;
  /** What this device keeps from one sign-in attempt to the next (starting over leaves it alone). */
  device: DeviceState;
  /** The replacement after a recovery-code login: show it once, then `ACKNOWLEDGE_RECOVERY_CODE`. */
  newRecoveryCode: string | null;
  /** Codes (or links) sent in this attempt: after a resend, only the newest one works. */
  sends: number;
  /** Until when a 429 on resending holds, even for a code that can no longer be used. */
  resendRetryAt: number | null;
  /** Why the flow starts here (see `InterruptedFlow`); gone once the person goes on. */
  notice: PasswordlessNotice | null;
}

export type PasswordlessEvent =
  | { type: 'SUBMIT_IDENTIFIER'; identifier: string; connection?: Connection; send?: SendMode }
  | { type: 'SUBMIT_CODE'; otp: string }
  | { type: 'RESEND' }
  | { type: 'CHANGE_IDENTIFIER' }
  | { type: 'MAGIC_LINK_CALLBACK'; callbackUrl: string }
  /** From the chart's own link watcher: another tab of this browser used the link this one asked for. */
  | { type: 'MAGIC_LINK_USED_ELSEWHERE' }
  | { type: 'SELECT_AUTHENTICATOR'; authenticatorId: string }
  | { type: 'ENROLL'; factor: EnrollmentFactor; phoneNumber?: string; email?: string }
  | { type: 'SUBMIT_MFA_CODE'; otp: string }
  | { type: 'USE_RECOVERY_CODE' }
  | { type: 'SUBMIT_RECOVERY_CODE'; recoveryCode: string }
  | { type: 'RETRY' }
  | { type: 'BACK' }
  | { type: 'CANCEL' }
  | { type: 'LOGOUT' }
  | { type: 'REFRESH' }
  | { type: 'ACKNOWLEDGE_RECOVERY_CODE' }
  | { type: 'TICK'; now: number };

export type PasswordlessEventType = PasswordlessEvent['type'];

/** `localStorage`, `sessionStorage`, or anything with the same three synchronous methods. */
export interface PasswordlessStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}
