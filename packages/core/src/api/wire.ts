import { PasswordlessError } from '../errors.ts';

export type WireObject = Record<string, unknown>;

export function isWireObject(value: unknown): value is WireObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function optionalString(body: WireObject, key: string): string | undefined {
  const value = body[key];
  return typeof value === 'string' ? value : undefined;
}

export function optionalBoolean(body: WireObject, key: string): boolean | undefined {
  const value = body[key];
  return typeof value === 'boolean' ? value : undefined;
}

export function missingField(what: string, key: string, status: number): PasswordlessError {
  return new PasswordlessError('invalid_response', {
    status,
    message: `The authentication server returned an unexpected response: ${what} is missing "${key}".`,
  });
}

export function requireString(body: WireObject, key: string, what: string, status: number): string {
  const value = body[key];
  if (typeof value !== 'string' || value === '') throw missingField(what, key, status);
  return value;
}

export function requireObject(body: unknown, what: string, status: number): WireObject {
  if (!isWireObject(body)) {
    throw new PasswordlessError('invalid_response', {
      status,
      message: `The authentication server returned an unexpected response: ${what} is not a JSON object.`,
    });
  }
  return body;
}

export function optionalStringArray(body: WireObject, key: string): string[] | undefined {
  const value = body[key];
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
}
