import { isWireObject, optionalString } from './wire.ts';

/** The factor kind, in the vocabulary of `mfa_requirements` and Auth0's `type` field. */
export type AuthenticatorType = 'otp' | 'phone' | 'email' | 'push-notification' | 'recovery-code';
export type OobChannel = 'sms' | 'voice' | 'email' | 'auth0';

export interface Authenticator {
  /** e.g. `sms|dev_klnv5yshzzoosSUm`; pass as `authenticatorId` to `challenge`. */
  id: string;
  type: AuthenticatorType;
  /** Which verify grant applies: `otp` → verifyMfaOtp, `oob` → verifyMfaOob, `recovery-code` → verifyRecoveryCode. */
  authenticatorType: 'otp' | 'oob' | 'recovery-code';
  oobChannel?: OobChannel;
  /** Masked phone number or email, or a device name. */
  name?: string;
  /** `false` = enrolled but never confirmed; such entries cannot be challenged. */
  active: boolean;
}

const typeAliases: Record<string, AuthenticatorType> = {
  otp: 'otp',
  totp: 'otp',
  phone: 'phone',
  sms: 'phone',
  voice: 'phone',
  email: 'email',
  'push-notification': 'push-notification',
  push: 'push-notification',
  'recovery-code': 'recovery-code',
};

const channelTypes: Record<OobChannel, AuthenticatorType> = {
  sms: 'phone',
  voice: 'phone',
  email: 'email',
  auth0: 'push-notification',
};

const prefixChannels: Record<string, OobChannel> = {
  sms: 'sms',
  voice: 'voice',
  email: 'email',
  push: 'auth0',
};

function isChannel(value: string | undefined): value is OobChannel {
  return value === 'sms' || value === 'voice' || value === 'email' || value === 'auth0';
}

function kindOf(type: AuthenticatorType): Authenticator['authenticatorType'] {
  if (type === 'otp' || type === 'recovery-code') return type;
  return 'oob';
}

/**
 * `type` only exists on tenants with Customize MFA and `oob_channel` only on OOB entries, so the
 * type comes from `type`, then `oob_channel`, then the id prefix (`totp|`, `sms|`, `push|`, ...).
 * Entries whose kind cannot be told are dropped.
 */
export function normalizeAuthenticator(raw: unknown): Authenticator | undefined {
  if (!isWireObject(raw)) return undefined;
  const id = optionalString(raw, 'id');
  if (!id) return undefined;
  const prefix = id.includes('|') ? id.slice(0, id.indexOf('|')) : '';
  const wireChannel = optionalString(raw, 'oob_channel');
  const channel = isChannel(wireChannel) ? wireChannel : prefixChannels[prefix];
  const wireKind = optionalString(raw, 'authenticator_type');

  const type =
    typeAliases[optionalString(raw, 'type') ?? ''] ??
    (isChannel(wireChannel) ? channelTypes[wireChannel] : undefined) ??
    typeAliases[prefix] ??
    (wireKind === 'otp' || wireKind === 'recovery-code' ? wireKind : undefined);
  if (type === undefined) return undefined;

  const authenticatorType =
    wireKind === 'otp' || wireKind === 'oob' || wireKind === 'recovery-code' ? wireKind : kindOf(type);
  const result: Authenticator = { id, type, authenticatorType, active: raw.active !== false };
  if (authenticatorType === 'oob' && channel !== undefined) result.oobChannel = channel;
  const name = optionalString(raw, 'name');
  if (name) result.name = name;
  return result;
}
