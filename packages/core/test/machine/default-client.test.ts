import { afterEach, describe, expect, it, vi } from 'vitest';
import { initialContext } from '../../src/machine/chart-context.ts';
import { defaultClientFor } from '../../src/machine/default-client.ts';

const configOf = (settings: { clientId: string; domain: string; audience?: string }) =>
  initialContext(settings, 0).config;

afterEach(() => vi.useRealTimers());

describe('the default Auth0 client of an actor', () => {
  it('is shared by actors with the same settings, each of which has a config object of its own', () => {
    const first = configOf({ clientId: 'app', domain: 'tenant.test' });
    const second = configOf({ clientId: 'app', domain: 'tenant.test' });
    expect(first).not.toBe(second);
    expect(defaultClientFor(second)).toBe(defaultClientFor(first));
  });

  it('is another client for other settings', () => {
    const plain = defaultClientFor(configOf({ clientId: 'app', domain: 'tenant.test' }));
    expect(defaultClientFor(configOf({ clientId: 'other', domain: 'tenant.test' }))).not.toBe(plain);
    expect(
      defaultClientFor(configOf({ clientId: 'app', domain: 'tenant.test', audience: 'https://api' })),
    ).not.toBe(plain);
  });

  it('is a new client once Date.now is faked, since a client keeps the clock it was made with', () => {
    const real = defaultClientFor(configOf({ clientId: 'clock', domain: 'tenant.test' }));
    vi.useFakeTimers();
    const faked = defaultClientFor(configOf({ clientId: 'clock', domain: 'tenant.test' }));
    expect(faked).not.toBe(real);
    expect(defaultClientFor(configOf({ clientId: 'clock', domain: 'tenant.test' }))).toBe(faked);
  });
});
