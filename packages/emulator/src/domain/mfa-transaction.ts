import { requiredString, type RequestBody } from '../body.ts';
import { auth0Error, fromSpec } from '../errors.ts';
import { recoveryCode } from '../ids.ts';
import { limitHeaders } from './rate-limit.ts';
import type { EmulatorState, MfaTransaction } from '../state.ts';
import { issueTokens, type TokenResponse } from '../tokens.ts';
import { newAuthenticator, type AuthenticatorRecord, type UserRecord } from '../users.ts';

export interface OpenMfaTransaction {
  mfaToken: string;
  transaction: MfaTransaction;
  user: UserRecord;
}

/** The `mfa_token` in a body, checked for existence, expiry and the client it was issued to. */
export function openMfaTransaction(
  state: EmulatorState,
  body: RequestBody,
  clientId: string,
): OpenMfaTransaction {
  const mfaToken = requiredString(body, 'mfa_token');
  const found = lookupMfaToken(state, mfaToken);
  if (found.transaction.clientId !== clientId) {
    throw auth0Error(403, 'invalid_request', 'mfa_token not issued to this client');
  }
  return found;
}

export function lookupMfaToken(state: EmulatorState, mfaToken: string): OpenMfaTransaction {
  const transaction = state.mfaTransactions.get(mfaToken);
  if (!transaction) throw auth0Error(403, 'invalid_grant', 'Malformed mfa_token');
  if (state.now() >= transaction.expiresAt) throw auth0Error(403, 'expired_token', 'mfa_token is expired');
  const user = state.users.get(transaction.userId);
  if (!user) throw auth0Error(403, 'invalid_grant', 'Malformed mfa_token');
  return { mfaToken, transaction, user };
}

/** Wrong MFA codes draw from a per-user bucket; an empty bucket locks further guesses for a while. */
export function assertFailuresLeft(state: EmulatorState, user: UserRecord): void {
  const bucket = state.mfaFailures.peek(user.userId);
  if (bucket.remaining < 1)
    throw fromSpec(state.config.unconfirmed.mfaTooManyFailures, limitHeaders(state, bucket, true));
}

export function recordFailure(state: EmulatorState, user: UserRecord): void {
  state.mfaFailures.take(user.userId);
}

/** A confirmed enrolment turns the authenticator (and its pair) on and keeps the first recovery code. */
export function activateEnrollment(user: UserRecord, authenticator: AuthenticatorRecord): void {
  for (const candidate of user.authenticators) {
    if (candidate === authenticator || candidate.id === authenticator.pairedWith) {
      candidate.active = true;
      delete candidate.pendingEnrollment;
    }
  }
  if (user.pendingRecoveryCode) {
    user.recoveryCode = user.pendingRecoveryCode;
    delete user.pendingRecoveryCode;
    user.authenticators.push(newAuthenticator('recovery-code', { active: true }));
  }
  user.mfaEnrollRequired = false;
}

export const newRecoveryCode = recoveryCode;

/** Second factor passed: close the transaction and issue what the primary login asked for. */
export async function completeMfa(
  state: EmulatorState,
  open: OpenMfaTransaction,
  extra: Partial<TokenResponse> = {},
): Promise<TokenResponse> {
  const { transaction, user, mfaToken } = open;
  const client = state.client(transaction.clientId);
  if (!client) throw fromSpec(state.config.unconfirmed.unknownClient);
  state.mfaTransactions.delete(mfaToken);
  for (const [oobCode, oob] of state.oobTransactions)
    if (oob.mfaToken === mfaToken) state.oobTransactions.delete(oobCode);
  const tokens = await issueTokens(state, {
    user,
    client,
    scope: transaction.scope,
    audience: transaction.audience,
    nonce: transaction.nonce,
    amr: ['mfa'],
    allowRefresh: transaction.allowRefresh,
  });
  return { ...tokens, ...extra };
}
