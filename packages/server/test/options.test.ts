import { describe, expect, it } from 'vitest';
import { createPasswordlessServer, type PasswordlessServerOptions } from '../src/index.ts';

const valid: PasswordlessServerOptions = {
  baseUrl: 'http://127.0.0.1:4000/',
  clientId: 'pwl-regular-web',
  clientSecret: 'regular-web-secret',
  secret: 'a-secret-of-at-least-thirty-two-bytes-long!!',
};
const create = (options: Partial<PasswordlessServerOptions>) => () =>
  createPasswordlessServer({ ...valid, ...options });

describe('server options it cannot run with, refused when the server is created', () => {
  it("refuses the chart's settings in `flow`, naming them", () => {
    expect(create({ flow: { pushPollIntervalSeconds: Number.NaN } })).toThrow(
      'createPasswordlessServer: `flow`: `pushPollIntervalSeconds` must be a finite number above 0 (got NaN).',
    );
    expect(create({ flow: { maxAttempts: 0 } })).toThrow(RangeError);
  });

  it('refuses its own timings and limits when they are not positive', () => {
    expect(create({ flowTtlMs: Number.NaN })).toThrow(
      '`flowTtlMs` must be a finite number above 0 (got NaN)',
    );
    expect(create({ storeTimeoutMs: -1 })).toThrow('`storeTimeoutMs` must be');
    expect(create({ sessionTtlMs: 0 })).toThrow('`sessionTtlMs` must be');
    expect(create({ limits: { startsPerIpPerHour: 2.5 } })).toThrow(
      '`limits.startsPerIpPerHour` must be a whole number of at least 1 (got 2.5)',
    );
  });

  it('accepts the same options when they are valid', () => {
    const server = create({ flow: { pushPollIntervalSeconds: 1 }, limits: { startsPerIpPerHour: 5 } })();
    expect(typeof server.handle).toBe('function');
  });
});
