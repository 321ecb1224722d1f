import { compact } from '../compact.ts';
import type { Authenticator } from '../api/authenticators.ts';
import { PasswordlessError, type MfaRequirements } from '../errors.ts';
import { toErrorInfo } from './error-info.ts';
import { checkPasswordlessSettings } from './settings.ts';
import type { MfaState, PasswordlessConfig, PasswordlessContext, PasswordlessInput } from './types.ts';

export const defaultConfig: Omit<PasswordlessConfig, 'clientId'> = {
  connection: 'email',
  send: 'code',
  resendCooldownSeconds: 30,
  codeLifetimeSeconds: 180,
  maxAttempts: 3,
  pushPollIntervalSeconds: 5,
  mfaTokenLifetimeSeconds: 600,
  refreshLeewaySeconds: 60,
  requestTimeoutMs: 10_000,
  validateIdToken: true,
};

export function initialContext(input: PasswordlessInput, now: number): PasswordlessContext {
  if (!input.domain && !input.baseUrl) {
    throw new TypeError(
      'passwordlessMachine: input needs `domain` (e.g. "example.eu.auth0.com") or `baseUrl`.',
    );
  }
  const { discardedSnapshot, interrupted, ...settings } = input;
  checkPasswordlessSettings(settings, 'passwordlessMachine');
  const config: PasswordlessConfig = {
    ...defaultConfig,
    ...compact(settings),
    clientId: input.clientId,
  };
  return {
    config,
    now,
    connection: interrupted?.connection ?? config.connection,
    send: interrupted?.send ?? config.send,
    identifier: interrupted?.identifier ?? '',
    error: discardedSnapshot ? toErrorInfo(new PasswordlessError('flow_discarded')) : null,
    ...freshFlow(config),
    device: { retryAt: null, pendingRevocation: null, previousSend: null },
    notice: interrupted?.notice ?? null,
  };
}

/**
 * Back to a fresh identify step; what the person typed stays so the form can be prefilled, and so
 * does `device` (a 429's wait, a pending revocation): it belongs to the device, not to the flow.
 */
export function clearedFlow(context: PasswordlessContext): Partial<PasswordlessContext> {
  return freshFlow(context.config);
}

/** Everything one sign-in attempt holds, as before it began. */
function freshFlow(config: PasswordlessConfig) {
  return {
    attemptsLeft: config.maxAttempts,
    codeSentAt: null,
    codeExpiresAt: null,
    resendAvailableAt: null,
    magicLink: null,
    mfa: null,
    session: null,
    refresh: null,
    newRecoveryCode: null,
    sends: 0,
    resendRetryAt: null,
    notice: null,
  } satisfies Partial<PasswordlessContext>;
}

export function newMfaState(
  context: PasswordlessContext,
  mfaToken: string,
  requirements: MfaRequirements | undefined,
): MfaState {
  return {
    mfaToken,
    expiresAt: context.now + context.config.mfaTokenLifetimeSeconds * 1000,
    challengeTypes: (requirements?.challenge ?? []).map((factor) => factor.type),
    enrollTypes: (requirements?.enroll ?? []).map((factor) => factor.type),
    authenticators: [],
    hasRecoveryCode: (requirements?.challenge ?? []).some((factor) => factor.type === 'recovery-code'),
    selectedAuthenticatorId: null,
    challenge: null,
    enrollment: null,
  };
}

/** Authenticators a person can pick: active, and not the recovery code (which has its own path). */
export const choosableAuthenticators = (authenticators: Authenticator[]) =>
  authenticators.filter((authenticator) => authenticator.active && authenticator.type !== 'recovery-code');

export function selectedAuthenticator(context: PasswordlessContext): Authenticator | undefined {
  const id = context.mfa?.selectedAuthenticatorId;
  return context.mfa?.authenticators.find((authenticator) => authenticator.id === id);
}

export function randomString(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
