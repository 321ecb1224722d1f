import { createHash, randomBytes, randomInt } from 'node:crypto';

const alphanumerics = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const upperAlphanumerics = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function randomFrom(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** A numeric one-time code with leading zeros kept. */
export const numericCode = (digits: number) => randomFrom('0123456789', digits);

const digest = (seed: string) => createHash('sha256').update(seed).digest();

/**
 * Auth0 user `_id`: 24 hex characters. Derived from the identity so a user keeps the same `sub`
 * across restarts and resets (apps under development store it).
 */
export const userObjectId = (seed: string) => digest(seed).subarray(0, 12).toString('hex');

/** Authenticator ids look like `totp|dev_<16 alphanumerics>`; seeded ones are stable, enrolled ones random. */
export const authenticatorSuffix = (seed?: string) => {
  if (seed === undefined) return `dev_${randomFrom(alphanumerics, 16)}`;
  const bytes = digest(seed);
  return `dev_${Array.from(bytes.subarray(0, 16), (byte) => alphanumerics[byte % alphanumerics.length]).join('')}`;
};

/** Recovery codes: 24 upper-case letters and digits. */
export const recoveryCode = () => randomFrom(upperAlphanumerics, 24);

/** Opaque handles (`mfa_token`, `oob_code`, refresh tokens, codes). Real mfa_tokens are Iron-sealed `Fe26.2*…`. */
export const opaqueToken = (prefix = '') => `${prefix}${randomBytes(32).toString('base64url')}`;

export const messageId = () => `msg_${randomBytes(8).toString('hex')}`;
