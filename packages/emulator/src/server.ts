import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeHandler } from 'h3';
import { createEmulatorApp } from './app.ts';
import {
  advanceWithinRange,
  createSystemClock,
  isAdjustable,
  type AdjustableClock,
  type Clock,
} from './clock.ts';
import type { EmulatorConfigInput } from './config.ts';
import type { OutboxMessage } from './outbox.ts';
import { resolveConfig } from './resolve-config.ts';
import { EmulatorState } from './state.ts';
import { createSigningKeys } from './keys.ts';

export interface StartEmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Overrides of the default config and seed (the shape of a `--config` JSON file). */
  config?: EmulatorConfigInput;
  /** Pass a manual clock in tests; the default follows real time and can be moved with `advanceClock`. */
  clock?: AdjustableClock | Clock;
  /** Where outbox lines and internal errors are printed; `false` for silence. Defaults to `console.log`. */
  log?: false | ((line: string) => void);
}

export interface RunningEmulator {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:4000`. */
  url: string;
  /** The `iss` of its tokens, with the trailing slash Auth0 uses. */
  issuer: string;
  /** Messages sent to `to` (all when omitted), newest last. */
  outbox(to?: string): OutboxMessage[];
  /** The newest code (passwordless or MFA binding code) sent to `to`. */
  latestCode(to: string): string | undefined;
  advanceClock(seconds: number): void;
  /** Back to the seed: users, codes, tokens, limits and outbox. */
  reset(): void;
  close(): Promise<void>;
}

export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const config = resolveConfig(options.config);
  const clock = options.clock ?? createSystemClock();
  const log = options.log === false ? () => {} : (options.log ?? ((line: string) => console.log(line)));
  const state = new EmulatorState({
    config,
    clock,
    keys: await createSigningKeys(),
    issuer: config.issuer ?? '',
    log,
  });

  const server = createServer(toNodeHandler(createEmulatorApp(state)));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  state.issuer = config.issuer ? withTrailingSlash(config.issuer) : `${url}/`;

  return {
    url,
    issuer: state.issuer,
    outbox: (to) => state.outbox.list(to),
    latestCode: (to) => state.outbox.list(to).findLast((message) => message.code !== undefined)?.code,
    advanceClock: (seconds) => {
      if (!isAdjustable(clock)) throw new Error('The clock given to startEmulator cannot be moved');
      if (!advanceWithinRange(clock, seconds * 1000))
        throw new RangeError(`advanceClock(${seconds}) would move the clock out of the years 1970 to 9999`);
    },
    reset: () => state.reset(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

const withTrailingSlash = (value: string) => (value.endsWith('/') ? value : `${value}/`);
