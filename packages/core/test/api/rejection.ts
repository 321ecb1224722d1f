import { expect } from 'vitest';
import { PasswordlessError } from '../../src/errors.ts';

/** Awaits a promise that must reject with a PasswordlessError, and returns that error. */
export async function rejection(promise: Promise<unknown>): Promise<PasswordlessError> {
  const outcome = await promise.then(
    (value) => ({ resolved: value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.resolved)}`);
  expect(outcome.error).toBeInstanceOf(PasswordlessError);
  return outcome.error as PasswordlessError;
}
