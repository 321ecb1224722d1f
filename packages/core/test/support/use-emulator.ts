import { generateTotp, startEmulator, type RunningEmulator } from '@passwordless-xstate/emulator';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createMemoryStorage } from '../../src/machine/persistence.ts';
import type { PasswordlessOptions } from '../../src/machine/create.ts';

/**
 * For the adapters' tests (React and Vue alike): a real emulator per test file, reset before each
 * test; the push interval is short to keep tests fast.
 */
export function useEmulator(): { current: RunningEmulator; options: () => PasswordlessOptions } {
  const holder = {} as { current: RunningEmulator; options: () => PasswordlessOptions };
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
