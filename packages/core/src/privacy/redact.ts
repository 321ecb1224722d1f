/**
 * Field names that hold secrets anywhere in the chart: context, events, actor input and output,
 * and Auth0's wire names. Matched exactly, so `error.code` and the like are left alone.
 */
export const SECRET_KEYS: ReadonlySet<string> = new Set([
  'otp',
  'bindingCode',
  'recoveryCode',
  'recoveryCodes',
  'newRecoveryCode',
  'mfaToken',
  'oobCode',
  'accessToken',
  'idToken',
  'refreshToken',
  'clientSecret',
  'secret',
  'barcodeUri',
  'callbackUrl',
  'access_token',
  'id_token',
  'refresh_token',
  'mfa_token',
  'oob_code',
  'binding_code',
  'recovery_code',
  'recovery_codes',
  'client_secret',
  'barcode_uri',
  'verification_code',
]);

export const REDACTED = '[redacted]';

/**
 * A deep copy of plain data with every secret replaced by `[redacted]`. Safe on cycles; actor
 * references become `{ id }`, errors keep name, code and message.
 */
export function redactSecrets<T>(value: T): T {
  return copy(value, new WeakMap()) as T;
}

function copy(value: unknown, seen: WeakMap<object, unknown>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return seen.get(value);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const item of value) out.push(copy(item, seen));
    return out;
  }
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { name: value.name, message: value.message, ...(typeof code === 'string' ? { code } : {}) };
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    // Actor references serialise to `{ id }`; other instances (machines, state nodes, dates) are
    // definitions rather than runtime data, so they are passed on as they are.
    const toJSON = (value as { toJSON?: () => unknown }).toJSON;
    return 'sessionId' in value && typeof toJSON === 'function' ? copy(toJSON.call(value), seen) : value;
  }
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const [key, entry] of Object.entries(value)) {
    out[key] = SECRET_KEYS.has(key) && entry !== null && entry !== undefined ? REDACTED : copy(entry, seen);
  }
  return out;
}
