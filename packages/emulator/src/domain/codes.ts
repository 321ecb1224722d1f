import type { PendingCode, EmulatorState } from '../state.ts';
import { numericCode } from '../ids.ts';

export type CodeCheck =
  { ok: true; pending: PendingCode } | { ok: false; reason: 'wrong' | 'expired' | 'exhausted' };

/** Issues a new code for the identity; every earlier code or link for it stops working. */
export function issueCode(
  state: EmulatorState,
  fields: Omit<PendingCode, 'code' | 'expiresAt' | 'failedAttempts'>,
): PendingCode {
  const connection = state.config.connections[fields.connection];
  const pending: PendingCode = {
    ...fields,
    code: numericCode(connection.otpLength),
    expiresAt: state.secondsFromNow(connection.otpLifetimeSeconds),
    failedAttempts: 0,
  };
  state.pendingCodes.set(state.pendingCodeKey(fields.connection, fields.identifier), pending);
  return pending;
}

/**
 * Checks a passwordless code (typed, or carried by a magic link). A right code is consumed; a wrong one
 * burns an attempt, and when the attempts run out the code is dead even if the next guess is right.
 */
export function checkCode(
  state: EmulatorState,
  attempt: { connection: 'email' | 'sms'; identifier: string; clientId: string; code: string },
  /** `false` for `/passwordless/verify`: the link it redirects to still has to use the code. */
  consume = true,
): CodeCheck {
  const key = state.pendingCodeKey(attempt.connection, attempt.identifier);
  const pending = state.pendingCodes.get(key);
  if (!pending || pending.clientId !== attempt.clientId) return { ok: false, reason: 'wrong' };
  const { maxAttempts } = state.config.connections[attempt.connection];
  if (pending.failedAttempts >= maxAttempts) return { ok: false, reason: 'exhausted' };
  if (state.now() >= pending.expiresAt) {
    state.pendingCodes.delete(key);
    return { ok: false, reason: 'expired' };
  }
  if (pending.code !== attempt.code.trim()) {
    pending.failedAttempts += 1;
    return { ok: false, reason: 'wrong' };
  }
  if (consume) state.pendingCodes.delete(key);
  return { ok: true, pending };
}

export const wrongCodeDescription = (connection: 'email' | 'sms') =>
  connection === 'email' ? 'Wrong email or verification code.' : 'Wrong phone number or verification code.';
