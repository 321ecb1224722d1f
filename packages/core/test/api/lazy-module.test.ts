import { describe, expect, it } from 'vitest';
import { isPasswordlessError } from '../../src/errors.ts';
import { lazyModule } from '../../src/api/lazy-module.ts';

describe('a module loaded on first use', () => {
  it('is loaded once however many calls ask for it', async () => {
    let loads = 0;
    const load = lazyModule(async () => ({ loaded: ++loads }));
    const [first, second] = await Promise.all([load(), load()]);
    expect(first).toBe(second);
    expect(await load()).toBe(first);
    expect(loads).toBe(1);
  });

  it('turns a failed load into a network error, and loads again on the next call', async () => {
    let attempts = 0;
    const load = lazyModule(async () => {
      attempts += 1;
      if (attempts === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return { attempts };
    });
    const failure = await load().catch((error: unknown) => error);
    expect(isPasswordlessError(failure, 'network')).toBe(true);
    expect((failure as Error).cause).toBeInstanceOf(TypeError);
    expect(await load()).toEqual({ attempts: 2 });
  });
});
