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
 * A deep copy with every secret replaced by `[redacted]`. Safe on cycles and class instances
 * (those with `toJSON`, such as actor references, are copied through it; errors keep name, code
 * and message).
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
    const toJSON = (value as { toJSON?: () => unknown }).toJSON;
    if (typeof toJSON === 'function') return copy(toJSON.call(value), seen);
    return `[${prototype?.constructor?.name ?? 'object'}]`;
  }
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const [key, entry] of Object.entries(value)) {
    out[key] = SECRET_KEYS.has(key) && entry !== null && entry !== undefined ? REDACTED : copy(entry, seen);
  }
  return out;
}
