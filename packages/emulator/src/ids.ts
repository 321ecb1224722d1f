import { randomBytes, randomInt } from 'node:crypto';

const alphanumerics = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const upperAlphanumerics = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function randomFrom(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** A numeric one-time code with leading zeros kept. */
export const numericCode = (digits: number) => randomFrom('0123456789', digits);

/** Auth0 user `_id`: 24 hex characters. */
export const userObjectId = () => randomBytes(12).toString('hex');

/** Authenticator ids look like `totp|dev_<16 alphanumerics>`. */
export const authenticatorSuffix = () => `dev_${randomFrom(alphanumerics, 16)}`;

/** Recovery codes: 24 upper-case letters and digits. */
export const recoveryCode = () => randomFrom(upperAlphanumerics, 24);

/** Opaque handles (`mfa_token`, `oob_code`, refresh tokens, codes). Real mfa_tokens are Iron-sealed `Fe26.2*…`. */
export const opaqueToken = (prefix = '') => `${prefix}${randomBytes(32).toString('base64url')}`;

export const messageId = () => `msg_${randomBytes(8).toString('hex')}`;
