import { PasswordlessError } from './errors.ts';

export type ValidationResult = { ok: true; value: string } | { ok: false; error: PasswordlessError };

// Deliberately loose: the only authority on an address is whether the code arrives. This only
// catches typos that would otherwise cost one of the 50 starts/hour.
const emailPattern = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
const e164Pattern = /^\+[1-9]\d{1,14}$/;
const phoneSeparators = /[\s\-.()]/g;

function invalid(message: string): ValidationResult {
  return { ok: false, error: new PasswordlessError('invalid_identifier', { message }) };
}

/** Trims and checks the shape `local@domain.tld`; returns the trimmed address. Anything but a string is invalid. */
export function validateEmail(input: unknown): ValidationResult {
  const value = typeof input === 'string' ? input.trim() : '';
  if (value === '') return invalid('Please enter your email address.');
  if (value.length > 254 || !emailPattern.test(value)) {
    return invalid('Please enter a valid email address, like name@example.com.');
  }
  return { ok: true, value };
}

/**
 * Strips spaces, dashes, dots and parentheses, then requires E.164 (`+` country code and number,
 * at most 15 digits), which is what Auth0's SMS connection accepts.
 */
export function validatePhoneNumber(input: unknown): ValidationResult {
  const value = typeof input === 'string' ? input.replace(phoneSeparators, '') : '';
  if (value === '') return invalid('Please enter your phone number.');
  if (!value.startsWith('+')) {
    return invalid('Please include your country code, starting with + (for example +14155550123).');
  }
  if (!e164Pattern.test(value)) {
    return invalid(
      'Please enter a valid phone number in international format: + then up to 15 digits (for example +14155550123).',
    );
  }
  return { ok: true, value };
}
