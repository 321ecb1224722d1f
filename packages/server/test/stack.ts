import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmulator, type RunningEmulator } from '@passwordless-xstate/emulator';
import {
  createPasswordlessServer,
  toNodeHandler,
  type AuthenticatedInfo,
  type PasswordlessServerOptions,
} from '../src/index.ts';

export const CLIENT_SECRET = 'pwl-web-secret-for-local-development-only';
export const SERVER_SECRET = 'a-test-secret-that-is-at-least-32-bytes-long!';

export interface OutgoingCall {
  url: string;
  headers: Headers;
  body: string;
}

export interface Stack {
  emulator: RunningEmulator;
  /** The app's origin, e.g. `http://127.0.0.1:PORT`. */
  origin: string;
  /** Every request the server sent to Auth0 (the emulator), as sent. */
  calls: OutgoingCall[];
  /** What `onAuthenticated` was given: the tokens the browser must never see. */
  signIns: AuthenticatedInfo[];
  close(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * The emulator and a real `node:http` server in front of the handler, both on loopback. Auth0 calls
 * are recorded on the way out (and still sent), so tests can see the secret and the forwarded IP.
 */
export async function startStack(
  options: Partial<PasswordlessServerOptions> & { emulator?: RunningEmulator } = {},
): Promise<Stack> {
  const { emulator: shared, ...serverOptions } = options;
  const emulator = shared ?? (await startEmulator({ port: 0, log: false }));
  const calls: OutgoingCall[] = [];
  const signIns: AuthenticatedInfo[] = [];
  const pwl = createPasswordlessServer({
    baseUrl: emulator.url,
    clientId: 'pwl-web',
    clientSecret: CLIENT_SECRET,
    secret: SERVER_SECRET,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      calls.push({ url: request.url, headers: request.headers, body: await request.clone().text() });
      return globalThis.fetch(request);
    },
    onAuthenticated: (info) => void signIns.push(info),
    ...serverOptions,
  });
  const server = createServer(toNodeHandler(pwl));
  const origin = await listen(server);
  return {
    emulator,
    origin,
    calls,
    signIns,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!shared) await emulator.close();
    },
  };
}
