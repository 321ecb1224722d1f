import type { Authenticator } from '../api/authenticators.ts';
import type { IdTokenClaims } from '../api/id-token-claims.ts';
import { dequal } from 'dequal';
import { choosableAuthenticators, selectedAuthenticator } from './chart-context.ts';
import { localError } from './error-info.ts';
import { resendCooldownOver } from './rules.ts';
import type {
  Connection,
  EnrollmentFactor,
  PasswordlessErrorInfo,
  PasswordlessNotice,
  SendMode,
  SessionUser,
} from './types.ts';
import { compact } from '../compact.ts';
import { allowedActions, type PasswordlessActionName } from './allowed-actions.ts';
import type { PasswordlessSnapshot } from './snapshot.ts';

export { stateValuePaths, type PasswordlessActionName } from './allowed-actions.ts';
export type { PasswordlessSnapshot } from './snapshot.ts';

/** Which screen to show. One value per thing a person can see or do. */
export type PasswordlessStep =
  | 'identify'
  | 'sending'
  | 'code'
  | 'link_sent'
  | 'verifying'
  | 'mfa_loading'
  | 'mfa_choose'
  | 'mfa_enroll'
  | 'mfa_otp'
  | 'mfa_oob'
  | 'mfa_push'
  | 'mfa_recovery'
  | 'mfa_failed'
  | 'authenticated'
  | 'signing_out';

export interface PasswordlessMfaView {
  /** Active factors a person can pick (recovery codes have their own action). */
  authenticators: Authenticator[];
  selectedAuthenticator: Authenticator | null;
  /** What the current challenge asks for. */
  challenge: 'otp' | 'oob' | 'push' | 'recovery' | null;
  /** Factors offered for enrolment. */
  enrollFactors: EnrollmentFactor[];
  enrollment: {
    factor: EnrollmentFactor;
    secret?: string;
    barcodeUri?: string;
    recoveryCodes?: string[];
  } | null;
  hasRecoveryCode: boolean;
  push: {
    pollIntervalSeconds: number;
    polls: number;
    secondsUntilNextPoll: number;
    rejected: boolean;
  } | null;
  secondsUntilExpiry: number;
}

/** Everything a UI renders, the same for React, Vue or anything else. */
export interface PasswordlessView {
  step: PasswordlessStep;
  /** A request is in flight; submit buttons should show progress (a second submit is ignored anyway). */
  busy: boolean;
  connection: Connection;
  send: SendMode;
  identifier: string;
  error: PasswordlessErrorInfo | null;
  attemptsLeft: number;
  /** The code can no longer be used (expired or out of attempts): ask for a new one. */
  codeExpired: boolean;
  /** 0 when a new code can be requested now (at once when the code can no longer be used). */
  secondsUntilResend: number;
  /** A code was resent: only the newest one works, so say so next to the field. */
  codeResent: boolean;
  /** `null` before a code was sent. */
  secondsUntilExpiry: number | null;
  mfa: PasswordlessMfaView | null;
  user: SessionUser | null;
  claims: IdTokenClaims | null;
  session: { accessToken: string; idToken?: string; expiresAt: number; scope?: string } | null;
  /** After a recovery-code login: show it once, then `acknowledgeRecoveryCode()`. */
  newRecoveryCode: string | null;
  /**
   * Signed out here, but revoking the refresh token failed (offline, server error): it stays valid
   * at Auth0 until the revocation, retried whenever the flow returns to the identify step, succeeds.
   */
  logoutIncomplete: boolean;
  /**
   * Why the flow is back at the start with the identifier prefilled: a reload ended a flow in MFA
   * (`flow_interrupted`) or a signed-in session (`session_ended`) whose secrets lived in memory
   * only. `null` once the person goes on.
   */
  notice: PasswordlessNotice | null;
  /** Which actions the chart accepts right now. */
  can: Record<PasswordlessActionName, boolean>;
}

const secondsUntil = (at: number | null | undefined, now: number) =>
  at === null || at === undefined ? 0 : Math.max(0, Math.ceil((at - now) / 1000));

export function getStep(snapshot: PasswordlessSnapshot): PasswordlessStep {
  const { context } = snapshot;
  if (snapshot.matches({ identify: 'submitting' })) return 'sending';
  if (snapshot.matches({ identify: 'adoptingLink' })) return 'verifying';
  if (snapshot.matches('identify')) return 'identify';
  if (snapshot.matches('sent')) return context.send === 'link' ? 'link_sent' : 'code';
  if (snapshot.matches('verifying')) return 'verifying';
  if (snapshot.matches({ mfa_required: 'choosing' })) return 'mfa_choose';
  if (snapshot.matches({ mfa_required: 'enroll' }) || snapshot.matches({ mfa_required: 'associating' }))
    return 'mfa_enroll';
  if (snapshot.matches({ mfa_required: 'failed' }) || snapshot.matches({ challenge: 'failed' }))
    return 'mfa_failed';
  if (snapshot.matches('mfa_required')) return 'mfa_loading';
  if (snapshot.matches({ challenge: 'push' })) return 'mfa_push';
  if (snapshot.matches({ challenge: 'recovery' }) || snapshot.matches({ challenge: 'verifyingRecovery' }))
    return 'mfa_recovery';
  if (snapshot.matches({ challenge: 'oob' }) || snapshot.matches({ challenge: 'verifyingOob' }))
    return 'mfa_oob';
  if (snapshot.matches({ challenge: 'otp' }) || snapshot.matches({ challenge: 'verifyingOtp' }))
    return 'mfa_otp';
  if (snapshot.matches('challenge')) return 'mfa_loading';
  if (snapshot.matches({ authenticated: 'loggingOut' })) return 'signing_out';
  return 'authenticated';
}

const factorOfType: Record<string, EnrollmentFactor> = {
  otp: 'otp',
  phone: 'sms',
  sms: 'sms',
  email: 'email',
  'push-notification': 'push',
};

function mfaView(snapshot: PasswordlessSnapshot): PasswordlessMfaView | null {
  const { context } = snapshot;
  const { mfa } = context;
  if (!mfa) return null;
  const enrollFactors = [
    ...new Set(mfa.enrollTypes.map((type) => factorOfType[type]).filter((factor) => factor !== undefined)),
  ];
  const challenge = mfa.challenge;
  return {
    authenticators: choosableAuthenticators(mfa.authenticators),
    selectedAuthenticator: selectedAuthenticator(context) ?? null,
    challenge: challenge?.type ?? null,
    enrollFactors: enrollFactors.length > 0 ? enrollFactors : ['otp', 'sms', 'email', 'push'],
    enrollment: mfa.enrollment
      ? compact({
          factor: mfa.enrollment.factor,
          secret: mfa.enrollment.secret,
          barcodeUri: mfa.enrollment.barcodeUri,
          recoveryCodes: mfa.enrollment.recoveryCodes,
        })
      : null,
    hasRecoveryCode: mfa.hasRecoveryCode,
    push:
      challenge?.type === 'push'
        ? {
            pollIntervalSeconds: Math.round((challenge.pollIntervalMs ?? 0) / 1000),
            polls: challenge.polls ?? 0,
            secondsUntilNextPoll: secondsUntil(challenge.nextPollAt, context.now),
            rejected: snapshot.matches({ challenge: { push: 'rejected' } }),
          }
        : null,
    secondsUntilExpiry: secondsUntil(mfa.expiresAt, context.now),
  };
}

// Snapshots are immutable, so each one's view is computed once however many selectors ask.
const views = new WeakMap<PasswordlessSnapshot, PasswordlessView>();

/** The framework-neutral view of a snapshot (computed once per snapshot; treat it as read-only). */
export function getPasswordlessView(snapshot: PasswordlessSnapshot): PasswordlessView {
  let view = views.get(snapshot);
  if (!view) views.set(snapshot, (view = computeView(snapshot)));
  return view;
}

/**
 * Structural equality of views or slices of them, so adapters skip renders when a new snapshot
 * changes nothing a component reads (most ticks change only the countdowns).
 */
export const isEqualView: (a: unknown, b: unknown) => boolean = dequal;

/** Every action refused: a flow that stopped, a request in flight, a server flow not loaded yet. */
export const noActions: Readonly<Record<PasswordlessActionName, boolean>> = {
  submitIdentifier: false,
  submitCode: false,
  resend: false,
  changeIdentifier: false,
  handleMagicLinkCallback: false,
  selectAuthenticator: false,
  enroll: false,
  submitMfaCode: false,
  useRecoveryCode: false,
  submitRecoveryCode: false,
  retry: false,
  back: false,
  cancel: false,
  logout: false,
  refresh: false,
  acknowledgeRecoveryCode: false,
};

/** The first step with nothing allowed: the base of views that have no running chart behind them. */
export const inertView: PasswordlessView = {
  step: 'identify',
  busy: false,
  connection: 'email',
  send: 'code',
  identifier: '',
  error: null,
  attemptsLeft: 0,
  codeExpired: false,
  secondsUntilResend: 0,
  codeResent: false,
  secondsUntilExpiry: null,
  mfa: null,
  user: null,
  claims: null,
  session: null,
  newRecoveryCode: null,
  logoutIncomplete: false,
  notice: null,
  can: noActions,
};

/** An actor that failed has no usable context: a view that says so and allows nothing, never a throw. */
function failedView(snapshot: PasswordlessSnapshot): PasswordlessView {
  const config = snapshot.context?.config;
  return {
    ...inertView,
    connection: config?.connection ?? 'email',
    send: config?.send ?? 'code',
    error: localError(
      'unknown',
      'The sign-in stopped because of an internal error. Reload the page to start again.',
    ),
  };
}

function computeView(snapshot: PasswordlessSnapshot): PasswordlessView {
  if (snapshot.status === 'error' || !snapshot.context) return failedView(snapshot);
  const { context } = snapshot;
  const can = allowedActions(snapshot);
  const tokens = context.session?.tokens;
  return {
    step: getStep(snapshot),
    busy: snapshot.hasTag('busy'),
    connection: context.connection,
    send: context.send,
    identifier: context.identifier,
    error: context.error,
    attemptsLeft: context.attemptsLeft,
    codeExpired: snapshot.hasTag('code_expired'),
    secondsUntilResend: resendCooldownOver(context)
      ? 0
      : secondsUntil(context.resendAvailableAt, context.now),
    codeResent: context.sends > 1,
    secondsUntilExpiry:
      context.codeExpiresAt === null ? null : secondsUntil(context.codeExpiresAt, context.now),
    mfa: mfaView(snapshot),
    user: context.session?.user ?? null,
    claims: context.session?.claims ?? null,
    session: tokens
      ? compact({
          accessToken: tokens.accessToken,
          expiresAt: tokens.expiresAt,
          idToken: tokens.idToken,
          scope: tokens.scope,
        })
      : null,
    newRecoveryCode: context.newRecoveryCode,
    logoutIncomplete: context.device.pendingRevocation !== null,
    notice: context.notice,
    can,
  };
}
