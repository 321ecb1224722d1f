import * as OTPAuth from 'otpauth';

/**
 * The current code of a TOTP secret (SHA-1, 6 digits, 30 s), as an authenticator app shows it: for
 * tests and scripts that sign in as the seeded TOTP users.
 */
export function generateTotp(secret: string, timestamp = Date.now()): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
    timestamp,
  });
}
