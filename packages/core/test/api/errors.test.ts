import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { classifyAuth0Error } from '../../src/api/auth0-error-code.ts';
import { PASSWORDLESS_ERROR_CODES, PasswordlessError, isPasswordlessError } from '../../src/errors.ts';
import { validateEmail, validatePhoneNumber } from '../../src/validation.ts';

describe('PasswordlessError', () => {
  const error = new PasswordlessError('mfa_required', {
    status: 403,
    auth0Error: 'mfa_required',
    auth0Description: 'Multifactor authentication required',
    mfaToken: 'Fe26.2**very-secret',
    mfaRequirements: { challenge: [{ type: 'otp' }] },
  });

  it('keeps the mfa_token out of JSON, enumeration, spreads and inspect output', () => {
    expect(error.mfaToken).toBe('Fe26.2**very-secret');
    expect(JSON.stringify(error)).not.toContain('very-secret');
    expect(JSON.stringify({ nested: [error] })).not.toContain('very-secret');
    expect({ ...error }).not.toHaveProperty('mfaToken');
    expect(inspect(error)).not.toContain('very-secret');
    expect(error.toJSON()).toEqual({
      name: 'PasswordlessError',
      code: 'mfa_required',
      message: 'A second verification step is required.',
      status: 403,
      auth0Error: 'mfa_required',
      auth0Description: 'Multifactor authentication required',
      mfaRequirements: { challenge: [{ type: 'otp' }] },
    });
  });

  it('is an Error with a name, a default English message and an optional cause', () => {
    const cause = new Error('socket hang up');
    const network = new PasswordlessError('network', { cause });
    expect(network).toBeInstanceOf(Error);
    expect(network.name).toBe('PasswordlessError');
    expect(network.message).toMatch(/connection/);
    expect(network.cause).toBe(cause);
    expect(Object.keys(network)).toEqual(['code']);
  });

  it('has a non-empty message for every code', () => {
    expect(PASSWORDLESS_ERROR_CODES).toContain('invalid_code');
    for (const code of PASSWORDLESS_ERROR_CODES)
      expect(new PasswordlessError(code).message.length).toBeGreaterThan(5);
  });

  it('isPasswordlessError narrows, optionally by code, and recognises a foreign copy', () => {
    expect(isPasswordlessError(error)).toBe(true);
    expect(isPasswordlessError(error, 'mfa_required')).toBe(true);
    expect(isPasswordlessError(error, 'network')).toBe(false);
    expect(isPasswordlessError(new Error('x'))).toBe(false);
    expect(isPasswordlessError({ code: 'network', name: 'PasswordlessError' })).toBe(false);
    const foreign = Object.assign(new Error('copy'), { name: 'PasswordlessError', code: 'timeout' });
    expect(isPasswordlessError(foreign, 'timeout')).toBe(true);
  });
});

describe('classifyAuth0Error', () => {
  it.each([
    [
      403,
      'unauthorized_client',
      "Grant type 'http://auth0.com/oauth/grant-type/mfa-oob' not allowed for the client.",
      'grant_not_enabled',
    ],
    [401, 'unauthorized_client', 'Cross origin login not allowed.', 'invalid_client'],
    [401, 'invalid_client', 'Client authentication failed', 'invalid_client'],
    [403, 'access_denied', 'Denied by a rule', 'access_denied'],
    [403, 'blocked_user', 'Blocked', 'user_blocked'],
    [400, 'invalid_request', 'Missing required parameter: otp', 'bad_request'],
    [400, 'sms_provider_error', 'The To number is not valid (Code: 21211)', 'invalid_identifier'],
    [400, 'bad.tenant', 'error in tenant - tenant validation failed: invalid_tenant', 'bad_request'],
    [400, 'invalid_request', 'binding_code is required', 'bad_request'],
    [409, 'something_new', undefined, 'unknown'],
    [503, 'something_new', undefined, 'server'],
    [429, 'something_new', undefined, 'rate_limited'],
  ] as const)('%i %s "%s" → %s', (status, error, description, code) => {
    expect(classifyAuth0Error(status, error, description)).toBe(code);
  });
});

describe('validateEmail', () => {
  it.each(['a@b.co', '  first.last+tag@sub.example.org  '])('accepts %s and trims it', (input) => {
    expect(validateEmail(input)).toEqual({ ok: true, value: input.trim() });
  });
  it.each(['', 'plain', 'a@b', 'a b@c.de', 'a@b..c', '@b.co', 'a@.co'])('rejects %j', (input) => {
    const result = validateEmail(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('invalid_identifier');
  });
});

describe('validatePhoneNumber', () => {
  it.each([
    ['+14155550123', '+14155550123'],
    ['+1 (415) 555-0123', '+14155550123'],
    ['+44 20.7946.0958', '+442079460958'],
  ])('accepts %s as %s', (input, value) => {
    expect(validatePhoneNumber(input)).toEqual({ ok: true, value });
  });
  it.each([
    ['4155550123', /country code/],
    ['+0123456', /international format/],
    ['+1234567890123456', /international format/],
    ['+1 415 abc', /international format/],
    ['', /enter your phone/],
  ])('rejects %j', (input, message) => {
    const result = validatePhoneNumber(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_identifier');
      expect(result.error.message).toMatch(message);
    }
  });
});
