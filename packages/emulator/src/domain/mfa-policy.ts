import type { ClientConfig, MfaFactor } from '../config.ts';
import { auth0Error, type Auth0HttpError } from '../errors.ts';
import { opaqueToken } from '../ids.ts';
import type { EmulatorState, MfaTransaction } from '../state.ts';
import { mfaAudience } from '../tokens.ts';
import { activeFactors, type AuthenticatorKind, type UserRecord } from '../users.ts';

/** `mfa_requirements` factor names, as Auth0 spells them. */
const requirementType: Record<AuthenticatorKind | MfaFactor, string> = {
  otp: 'otp',
  sms: 'phone',
  voice: 'phone',
  email: 'email',
  push: 'push-notification',
  'recovery-code': 'recovery-code',
};

const unique = (types: string[]) => [...new Set(types)].map((type) => ({ type }));

export function mfaIsRequired(
  state: EmulatorState,
  user: UserRecord,
  client: ClientConfig,
  audience: string | undefined,
): boolean {
  if (audience === mfaAudience(state) || client.requireMfa) return true;
  const { policy } = state.config.mfa;
  if (policy === 'always') return true;
  if (policy === 'never') return false;
  return activeFactors(user).length > 0 || user.mfaEnrollRequired;
}

/** Starts the MFA step: remembers what the primary login asked for and answers 403 `mfa_required`. */
export function mfaRequiredError(
  state: EmulatorState,
  user: UserRecord,
  transaction: Omit<MfaTransaction, 'expiresAt' | 'userId'>,
): Auth0HttpError {
  const mfaToken = opaqueToken('Fe26.2**emulator*');
  state.mfaTransactions.set(mfaToken, {
    ...transaction,
    userId: user.userId,
    expiresAt: state.secondsFromNow(state.config.mfa.mfaTokenLifetimeSeconds),
  });
  const factors = activeFactors(user);
  const requirements =
    factors.length > 0
      ? {
          challenge: unique([
            ...factors.map((factor) => requirementType[factor.kind]),
            ...(user.recoveryCode ? ['recovery-code'] : []),
          ]),
        }
      : { enroll: unique(state.config.mfa.factors.map((factor) => requirementType[factor])) };
  return auth0Error(403, 'mfa_required', 'Multifactor authentication required', {
    mfa_token: mfaToken,
    ...(state.config.mfa.emitRequirements ? { mfa_requirements: requirements } : {}),
  });
}
