import type { SeedAuthenticator, UserConfig } from './config.ts';
import { authenticatorSuffix, userObjectId } from './ids.ts';

export type AuthenticatorKind = 'otp' | 'sms' | 'voice' | 'email' | 'push' | 'recovery-code';

export interface AuthenticatorRecord {
  id: string;
  kind: AuthenticatorKind;
  active: boolean;
  secret?: string;
  phoneNumber?: string;
  email?: string;
  deviceName?: string;
  /** Push enrolment also creates a TOTP authenticator; deleting either deletes both. */
  pairedWith?: string;
  /** The last TOTP time step accepted, so a code cannot be used twice. */
  lastTotpStep?: number;
  /** While enrolment is unconfirmed: the `mfa_token` it belongs to. */
  pendingEnrollment?: string;
  /** The user's verified e-mail, listed as an authenticator without an enrolment; cannot be deleted. */
  verifiedEmail?: boolean;
}

export interface UserRecord {
  userId: string;
  objectId: string;
  connection: 'email' | 'sms';
  email?: string;
  phoneNumber?: string;
  name: string;
  nickname: string;
  picture: string;
  blocked: boolean;
  mfaEnrollRequired: boolean;
  recoveryCode?: string;
  /** Shown at first enrolment; becomes `recoveryCode` once the enrolment is confirmed. */
  pendingRecoveryCode?: string;
  authenticators: AuthenticatorRecord[];
  updatedAt: string;
}

const prefixOf: Record<AuthenticatorKind, string> = {
  otp: 'totp',
  sms: 'sms',
  voice: 'voice',
  email: 'email',
  push: 'push',
  'recovery-code': 'recovery-code',
};

export function newAuthenticator(
  kind: AuthenticatorKind,
  fields: Omit<AuthenticatorRecord, 'id' | 'kind'>,
  suffix = authenticatorSuffix(),
): AuthenticatorRecord {
  return { id: `${prefixOf[kind]}|${suffix}`, kind, ...fields };
}

function fromSeedAuthenticator(seed: SeedAuthenticator, suffix: string): AuthenticatorRecord {
  switch (seed.type) {
    case 'otp':
      return newAuthenticator('otp', { active: true, secret: seed.secret }, suffix);
    case 'sms':
    case 'voice':
      return newAuthenticator(seed.type, { active: true, phoneNumber: seed.phoneNumber }, suffix);
    case 'email':
      return newAuthenticator('email', { active: true, email: seed.email }, suffix);
    case 'push':
      return newAuthenticator('push', { active: true, deviceName: seed.deviceName }, suffix);
  }
}

export const objectIdFor = (connection: 'email' | 'sms', identifier: string) =>
  userObjectId(`${connection}:${normalizeIdentifier(connection, identifier)}`);

export function normalizeIdentifier(connection: 'email' | 'sms', identifier: string): string {
  return connection === 'email' ? identifier.trim().toLowerCase() : identifier.trim();
}

/**
 * A user as the emulator keeps it. `listVerifiedEmail`: the e-mail factor is on and this user's
 * verified e-mail counts as an authenticator (see `MfaConfig.verifiedEmailAuthenticator`).
 */
export function createUserRecord(config: UserConfig, now: number, listVerifiedEmail = false): UserRecord {
  const identifier = config.connection === 'email' ? config.email : config.phoneNumber;
  if (!identifier) throw new Error(`Seed user for connection "${config.connection}" needs an identifier`);
  const objectId = objectIdFor(config.connection, identifier);
  const suffix = (index: number) => authenticatorSuffix(`${objectId}:${index}`);
  const authenticators = (config.authenticators ?? []).map((seed, index) =>
    fromSeedAuthenticator(seed, suffix(index)),
  );
  if (listVerifiedEmail && config.email) {
    const email = normalizeIdentifier('email', config.email);
    authenticators.push(
      newAuthenticator('email', { active: true, email, verifiedEmail: true }, suffix(authenticators.length)),
    );
  }
  if (config.recoveryCode) {
    authenticators.push(newAuthenticator('recovery-code', { active: true }, suffix(authenticators.length)));
  }
  return {
    userId: config.userId ?? `${config.connection}|${objectId}`,
    objectId,
    connection: config.connection,
    email: config.email ? normalizeIdentifier('email', config.email) : undefined,
    phoneNumber: config.phoneNumber,
    name: config.name ?? identifier,
    nickname: config.nickname ?? identifier.split('@')[0]!,
    picture: config.picture ?? `https://www.gravatar.com/avatar/${objectId}?d=identicon`,
    blocked: config.blocked ?? false,
    mfaEnrollRequired: config.mfaEnrollRequired ?? false,
    recoveryCode: config.recoveryCode,
    authenticators,
    updatedAt: new Date(now).toISOString(),
  };
}

export const activeFactors = (user: UserRecord) =>
  user.authenticators.filter(
    (authenticator) => authenticator.active && authenticator.kind !== 'recovery-code',
  );

/** Masks `+15555550101` as `XXXXXXXXXX0101` and `someone@example.com` as `so****@ex*******`, as Auth0 lists them. */
export function maskedName(authenticator: AuthenticatorRecord): string | undefined {
  if (authenticator.phoneNumber) {
    const digits = authenticator.phoneNumber;
    return 'X'.repeat(Math.max(0, digits.length - 4)) + digits.slice(-4);
  }
  if (authenticator.email) {
    const [local = '', domain = ''] = authenticator.email.split('@');
    return `${local.slice(0, 2)}****@${domain.slice(0, 2)}${'*'.repeat(Math.max(0, domain.length - 2))}`;
  }
  return authenticator.deviceName;
}
