import { generateTotp, startEmulator, type RunningEmulator } from '@passwordless-xstate/emulator';
import { createMemoryStorage, type UsePasswordlessOptions } from '../src/index.ts';
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

export const memoryStorage = createMemoryStorage;

export const totp = (secret: string) => generateTotp(secret);
