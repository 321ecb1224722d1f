import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createRemoteFlow,
  type PasswordlessEvent,
  type PasswordlessView,
  type RemoteFlow,
} from '@passwordless-xstate/core';
import { createPasswordlessServer, toNodeHandler } from '@passwordless-xstate/server';
import { redisFlowStore } from '@passwordless-xstate/server/redis';
import { createClient } from 'redis';
import { CLIENT_SECRET, startLane, type Lane } from './lane.ts';
import { startRedis, startTcpProxy, type TcpProxy } from './redis.ts';

const SERVER_SECRET = 'a-reliability-test-secret-of-at-least-32-bytes!';
/** The server's Auth0 timeout: a hang cell in server mode costs this much. */
export const SERVER_REQUEST_TIMEOUT_MS = Number(process.env.RELIABILITY_SERVER_HANG_MS ?? 3000);
const WAIT_WITHIN_MS = 60_000;

/**
 * The whole server mode on loopback: the emulator behind the fault proxy (server → Auth0), a real
 * `redis-server` behind a TCP proxy (server → store), `@passwordless-xstate/server` on `node:http`,
 * and browsers as `createRemoteFlow` with a cookie jar. One clock for all of them.
 */
export interface ServerLane {
  lane: Lane;
  redis: TcpProxy;
  origin: string;
  /** A connection straight to Redis, behind the server's back (to empty it between cells). */
  redisClient: RedisProbe;
  /** A page: pass the cookies of an earlier one to reload it; `received` collects every body it got. */
  browser(options?: { timeoutMs?: number; cookies?: Map<string, string>; received?: string[] }): Browser;
  /** The server's own Redis connection: `isReady` once it has reconnected after a cut. */
  storeClient: RedisProbe;
  close(): Promise<void>;
}

/** The Redis commands the tests use themselves. */
export interface RedisProbe {
  ping(): Promise<unknown>;
  flushAll(): Promise<unknown>;
}

export interface Browser {
  flow: RemoteFlow;
  view(): PasswordlessView;
  /**
   * Sends once nothing is in flight (the flow's own timer may have sent a `TICK`, and the flow
   * ignores events while a request runs, as a double click).
   */
  send(event: PasswordlessEvent): Promise<void>;
  /** Resolves once no request is in flight and the view has loaded. */
  settle(): Promise<PasswordlessView>;
  /** Moves the shared clock and asks the server (`TICK`), as the flow's own timer would. */
  tick(seconds: number): Promise<PasswordlessView>;
  /** The browser's cookies, to send a second request as another tab of the same browser. */
  cookies: Map<string, string>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** `fetch` with a cookie jar and the page's `Origin`, as a browser sends them. */
export function browserFetch(origin: string, cookies: Map<string, string>): typeof fetch {
  return async (input, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('origin', origin);
    if (cookies.size > 0)
      headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(new URL(String(input), origin), { ...init, headers });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
      if (value === '' || /max-age=0/i.test(cookie)) cookies.delete(name);
      else cookies.set(name, value);
    }
    return response;
  };
}

export async function startServerLane(): Promise<ServerLane> {
  const lane = await startLane();
  const redisServer = await startRedis();
  const redis = await startTcpProxy(redisServer.port);
  // Fail fast while Redis is away, rather than queue: the browser then sees the outage as an error.
  const client = createClient({
    url: redis.url,
    disableOfflineQueue: true,
    socket: { reconnectStrategy: () => 50, connectTimeout: 5000 },
  });
  client.on('error', () => {});
  await client.connect();
  const redisClient = createClient({ url: `redis://127.0.0.1:${redisServer.port}` });
  await redisClient.connect();
  const pwl = createPasswordlessServer({
    baseUrl: lane.baseUrl,
    clientId: 'pwl-web',
    clientSecret: CLIENT_SECRET,
    secret: SERVER_SECRET,
    store: redisFlowStore({ client }),
    now: lane.clock.now,
    flow: { requestTimeoutMs: SERVER_REQUEST_TIMEOUT_MS },
    // Each cell starts many flows from one address and IP; the server's own limits have their own tests.
    limits: { startsPerIpPerHour: 1e6, startsPerIdentifierPerHour: 1e6, requestsPerFlowPerMinute: 1e6 },
  });
  const server = createServer(toNodeHandler(pwl));
  const origin = await listen(server);
  const browsers: RemoteFlow[] = [];
  return {
    lane,
    redis,
    origin,
    redisClient,
    storeClient: client,
    browser(options = {}) {
      const cookies = options.cookies ?? new Map<string, string>();
      const { received } = options;
      const pageFetch = browserFetch(origin, cookies);
      const flow = createRemoteFlow({
        server: `${origin}/auth/passwordless`,
        fetch: received
          ? async (input, init) => {
              const response = await pageFetch(input, init);
              received.push(await response.clone().text());
              return response;
            }
          : pageFetch,
        now: lane.clock.now,
        timeoutMs: options.timeoutMs ?? WAIT_WITHIN_MS,
      });
      browsers.push(flow);
      flow.start();
      const settle = () =>
        new Promise<PasswordlessView>((resolve, reject) => {
          const ready = (view: PasswordlessView) =>
            !view.busy && (view.step !== 'identify' || view.can.submitIdentifier || view.error !== null);
          const timer = setTimeout(
            () => reject(new Error(`still busy after ${WAIT_WITHIN_MS} ms`)),
            WAIT_WITHIN_MS,
          );
          const check = (view: PasswordlessView) => {
            if (!ready(view)) return;
            clearTimeout(timer);
            unsubscribe();
            resolve(view);
          };
          const unsubscribe = flow.subscribe(check);
          // Deferred, so an event sent just before is already in flight when this looks.
          queueMicrotask(() => check(flow.getView()));
        });
      return {
        flow,
        cookies,
        view: () => flow.getView(),
        send: async (event) => {
          await settle();
          flow.send(event);
        },
        settle,
        tick: async (seconds) => {
          await settle();
          lane.clock.advance(seconds * 1000);
          flow.send({ type: 'TICK', now: lane.clock.now() });
          return settle();
        },
      };
    },
    async close() {
      for (const flow of browsers) flow.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await client.close().catch(() => {});
      await redisClient.close();
      await redis.close();
      await redisServer.stop();
      await lane.close();
    },
  };
}
