import { startEmulator, type RunningEmulator } from '@passwordless-xstate/emulator';
import type { PasswordlessStorage, UsePasswordlessOptions } from '../src/index.ts';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** A real emulator per test file, reset before each test; the push interval is short to keep tests fast. */
export function useEmulator(): { current: RunningEmulator; options: () => UsePasswordlessOptions } {
  const holder = {} as { current: RunningEmulator; options: () => UsePasswordlessOptions };
  beforeAll(async () => {
    holder.current = await startEmulator({
      port: 0,
      log: false,
      config: { mfa: { pushPollIntervalSeconds: 1 } },
    });
  });
  beforeEach(() => holder.current.reset());
  afterAll(() => holder.current.close());
  holder.options = () => ({
    clientId: 'pwl-native',
    baseUrl: `${holder.current.url}/`,
    pushPollIntervalSeconds: 1,
  });
  return holder;
}

export function memoryStorage(): PasswordlessStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

export const totp = (secret: string) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 }).generate();
