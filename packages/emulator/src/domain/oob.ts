import { numericCode, opaqueToken } from '../ids.ts';
import type { OutboxChannel } from '../outbox.ts';
import { rateLimited } from './rate-limit.ts';
import type { EmulatorState } from '../state.ts';
import type { AuthenticatorRecord, UserRecord } from '../users.ts';

/**
 * Sends an out-of-band message for an authenticator (binding code by SMS, voice or e-mail, or a push
 * to approve) and returns the `oob_code` that the verify grant will be polled or called with.
 */
export function sendOutOfBand(
  state: EmulatorState,
  options: {
    user: UserRecord;
    authenticator: AuthenticatorRecord;
    mfaToken: string;
    clientId: string;
    enrollment: boolean;
  },
): { oobCode: string; bindingMethod?: 'prompt' } {
  const { user, authenticator } = options;
  const isPush = authenticator.kind === 'push';
  if (authenticator.kind === 'sms' || authenticator.kind === 'voice') {
    const sends = state.smsSends.take(user.userId);
    if (!sends.allowed) throw rateLimited(state, sends);
  }
  const bindingCode = isPush ? undefined : numericCode(state.config.mfa.bindingCodeLength);
  const to =
    authenticator.phoneNumber ?? authenticator.email ?? user.email ?? user.phoneNumber ?? user.userId;
  const message = state.outbox.deliver({
    to,
    channel: authenticator.kind as OutboxChannel,
    purpose: options.enrollment ? 'mfa-enrollment' : 'mfa-challenge',
    clientId: options.clientId,
    ...(isPush ? { push: { status: 'pending' as const } } : { code: bindingCode }),
  });
  const oobCode = opaqueToken('Fe26.2**oob*');
  state.oobTransactions.set(oobCode, {
    mfaToken: options.mfaToken,
    userId: user.userId,
    authenticatorId: authenticator.id,
    kind: isPush ? 'push' : 'binding',
    bindingCode,
    outboxMessageId: message.id,
    expiresAt: state.secondsFromNow(state.config.mfa.oobCodeLifetimeSeconds),
    enrollment: options.enrollment,
  });
  return isPush ? { oobCode } : { oobCode, bindingMethod: 'prompt' };
}
