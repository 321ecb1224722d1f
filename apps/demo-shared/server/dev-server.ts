// The demos' server mode: @passwordless-xstate/server on 127.0.0.1:4100 in front of the emulator,
// with the seeded Regular Web App `pwl-web`. Vite proxies `/auth` to it, so the browser sees one
// origin. Memory store by default; with REDIS_URL, the Redis store (several instances can share it).
import { createServer } from 'node:http';
import { createPasswordlessServer, toNodeHandler, type FlowStore } from '@passwordless-xstate/server';
import { redisFlowStore } from '@passwordless-xstate/server/redis';
import { createClient } from 'redis';

const env = process.env;
const port = Number(env.PASSWORDLESS_SERVER_PORT ?? 4100);

async function store(): Promise<FlowStore | undefined> {
  if (!env.REDIS_URL) return undefined;
  const client = await createClient({ url: env.REDIS_URL }).connect();
  console.log(`Flow store: Redis at ${env.REDIS_URL}`);
  return redisFlowStore({ client });
}

const pwl = createPasswordlessServer({
  ...(env.AUTH0_DOMAIN
    ? { domain: env.AUTH0_DOMAIN }
    : { baseUrl: env.AUTH0_BASE_URL ?? 'http://127.0.0.1:4000/' }),
  clientId: env.AUTH0_CLIENT_ID ?? 'pwl-web',
  clientSecret: env.AUTH0_CLIENT_SECRET ?? 'pwl-web-secret-for-local-development-only',
  // A fixed secret only for local development: flows survive a restart of this server.
  secret: env.PASSWORDLESS_SECRET ?? 'local-development-only-secret-of-at-least-32-bytes',
  ...(await store().then((found) => (found ? { store: found } : {}))),
  flow: {
    scope: 'openid profile email phone offline_access',
    // Auth0 allows a poll every 5 s (the default); the e2e suite runs an emulator set to 1 s.
    ...(env.PASSWORDLESS_PUSH_POLL_SECONDS
      ? { pushPollIntervalSeconds: Number(env.PASSWORDLESS_PUSH_POLL_SECONDS) }
      : {}),
  },
  // The e2e suite signs the same seeded people in all day from one IP against one long-lived
  // server (the emulator is reset between tests, this server is not), so it raises the start
  // limits per e-mail address or phone number and per network address.
  ...(env.PASSWORDLESS_STARTS_PER_ADDRESS
    ? {
        limits: {
          startsPerIdentifierPerHour: Number(env.PASSWORDLESS_STARTS_PER_ADDRESS),
          startsPerIpPerHour: Number(env.PASSWORDLESS_STARTS_PER_ADDRESS),
        },
      }
    : {}),
  // Back to the demo after a magic link, still in server mode.
  afterCallbackPath: '/?mode=server',
});

createServer(toNodeHandler(pwl)).listen(port, '127.0.0.1', () => {
  console.log(`Passwordless server (regular web app pwl-web) on http://127.0.0.1:${port}${pwl.basePath}`);
});
