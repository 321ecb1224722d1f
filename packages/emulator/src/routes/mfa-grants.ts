import * as OTPAuth from 'otpauth';
import { requiredString, optionalString, type RequestBody } from '../body.ts';
import type { AuthenticatedClient } from '../client-auth.ts';
import {
  activateEnrollment,
  assertFailuresLeft,
  completeMfa,
  newRecoveryCode,
  openMfaTransaction,
  recordFailure,
} from '../domain/mfa-transaction.ts';
import { auth0Error, fromSpec } from '../errors.ts';
import type { EmulatorState } from '../state.ts';
import type { AuthenticatorRecord } from '../users.ts';

const totpPeriodMs = 30_000;

/** `mfa-otp`: a TOTP from an active authenticator, or the first code of one being enrolled. */
export async function verifyMfaOtp(state: EmulatorState, body: RequestBody, { client }: AuthenticatedClient) {
  const open = openMfaTransaction(state, body, client.clientId);
  const otp = requiredString(body, 'otp').replace(/\s/g, '');
  const { user } = open;
  assertFailuresLeft(state, user);
  const candidates = user.authenticators.filter(
    (authenticator) =>
      authenticator.kind === 'otp' &&
      (authenticator.active || authenticator.pendingEnrollment === open.mfaToken),
  );
  const matched = candidates.find((authenticator) => acceptTotp(state, authenticator, otp));
  if (!matched) {
    recordFailure(state, user);
    throw auth0Error(403, 'invalid_grant', 'Invalid otp_code.');
  }
  if (!matched.active) activateEnrollment(user, matched);
  return completeMfa(state, open);
}

/** Auth0 accepts the current and the previous 30-second code, each only once. */
function acceptTotp(state: EmulatorState, authenticator: AuthenticatorRecord, otp: string): boolean {
  if (!authenticator.secret) return false;
  const now = state.now();
  const delta = OTPAuth.TOTP.validate({
    token: otp,
    secret: OTPAuth.Secret.fromBase32(authenticator.secret),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    timestamp: now,
    window: 1,
  });
  if (delta === null || delta > 0) return false;
  const step = Math.floor(now / totpPeriodMs) + delta;
  if (authenticator.lastTotpStep !== undefined && step <= authenticator.lastTotpStep) return false;
  authenticator.lastTotpStep = step;
  return true;
}

/** `mfa-oob`: a binding code from SMS/voice/e-mail, or a poll for a push decision. */
export async function verifyMfaOob(state: EmulatorState, body: RequestBody, { client }: AuthenticatedClient) {
  const open = openMfaTransaction(state, body, client.clientId);
  const oobCode = requiredString(body, 'oob_code');
  const oob = state.oobTransactions.get(oobCode);
  if (!oob) throw auth0Error(403, 'invalid_grant', 'Invalid oob_code.');
  if (oob.mfaToken !== open.mfaToken) {
    throw auth0Error(403, 'invalid_request', "The oob_code doesn't match the mfa_token");
  }
  if (state.now() >= oob.expiresAt) {
    state.oobTransactions.delete(oobCode);
    throw auth0Error(403, 'expired_token', 'oob_code is expired');
  }
  const authenticator = open.user.authenticators.find((candidate) => candidate.id === oob.authenticatorId);
  if (!authenticator) throw auth0Error(403, 'invalid_grant', 'Invalid oob_code.');

  if (oob.kind === 'binding') {
    const bindingCode = optionalString(body, 'binding_code')?.replace(/\s/g, '');
    if (!bindingCode) throw auth0Error(400, 'invalid_request', 'binding_code is required');
    assertFailuresLeft(state, open.user);
    if (bindingCode !== oob.bindingCode) {
      recordFailure(state, open.user);
      throw auth0Error(403, 'invalid_grant', 'Invalid binding_code.');
    }
  } else {
    const now = state.now();
    const intervalMs = state.config.mfa.pushPollIntervalSeconds * 1000;
    const tooSoon = oob.lastPollAt !== undefined && now - oob.lastPollAt < intervalMs;
    oob.lastPollAt = now;
    if (tooSoon) {
      throw auth0Error(
        400,
        'slow_down',
        `You are polling faster than allowed. Try again in ${state.config.mfa.pushPollIntervalSeconds} seconds.`,
      );
    }
    const decision = state.outbox.get(oob.outboxMessageId)?.push?.status ?? 'pending';
    if (decision === 'pending') {
      throw auth0Error(
        400,
        'authorization_pending',
        'Authorization pending: please repeat the request in a few seconds.',
      );
    }
    if (decision === 'rejected') {
      state.oobTransactions.delete(oobCode);
      throw fromSpec(state.config.unconfirmed.pushRejected);
    }
  }
  if (oob.enrollment) activateEnrollment(open.user, authenticator);
  return completeMfa(state, open);
}

/** `mfa-recovery-code`: the used code is gone, and the answer carries its replacement. */
export async function verifyRecoveryCode(
  state: EmulatorState,
  body: RequestBody,
  { client }: AuthenticatedClient,
) {
  const open = openMfaTransaction(state, body, client.clientId);
  const given = requiredString(body, 'recovery_code').replace(/[\s-]/g, '').toUpperCase();
  const { user } = open;
  assertFailuresLeft(state, user);
  if (!user.recoveryCode || given !== user.recoveryCode) {
    recordFailure(state, user);
    throw fromSpec(state.config.unconfirmed.invalidRecoveryCode);
  }
  user.recoveryCode = newRecoveryCode();
  return completeMfa(state, open, { recovery_code: user.recoveryCode });
}
