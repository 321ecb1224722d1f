import { createAuth0Client, type Auth0Client } from '../api/client.ts';
import type { Auth0ClientOptions } from '../api/options.ts';
import { compact } from '../compact.ts';
import type { PasswordlessConfig } from './types.ts';

/** The chart's settings that make up its Auth0 client (from the config, or the options before it). */
export type ClientSettings = Pick<PasswordlessConfig, 'clientId'> &
  Partial<Pick<PasswordlessConfig, 'domain' | 'baseUrl' | 'audience' | 'scope' | 'requestTimeoutMs'>>;

export function clientOptionsFrom(settings: ClientSettings): Auth0ClientOptions {
  const { clientId, domain, baseUrl, audience, scope, requestTimeoutMs } = settings;
  return compact({ clientId, domain, baseUrl, audience, scope, timeoutMs: requestTimeoutMs });
}

const clientsByConfig = new WeakMap<PasswordlessConfig, Auth0Client>();

// Every actor has a config of its own, but most apps have one tenant and one client: actors with the
// same settings share one client (and with it the signing keys), instead of building one each.
const clientsBySettings = new Map<string, { client: Auth0Client; clock: () => number }>();
const MAX_SHARED_CLIENTS = 16;

function sharedClient(options: Auth0ClientOptions): Auth0Client {
  const key = JSON.stringify(options);
  const shared = clientsBySettings.get(key);
  // A client reads the clock it was made with; a test that fakes `Date.now` gets a new one.
  if (shared && shared.clock === Date.now) return shared.client;
  const client = createAuth0Client(options);
  clientsBySettings.delete(key);
  if (clientsBySettings.size >= MAX_SHARED_CLIENTS) {
    const oldest = clientsBySettings.keys().next();
    if (!oldest.done) clientsBySettings.delete(oldest.value);
  }
  clientsBySettings.set(key, { client, clock: Date.now });
  return client;
}

/** A public client built from the chart's own config; confidential apps provide theirs (`createPasswordlessMachine`). */
export function defaultClientFor(config: PasswordlessConfig): Auth0Client {
  let client = clientsByConfig.get(config);
  if (!client) {
    client = sharedClient(clientOptionsFrom(config));
    clientsByConfig.set(config, client);
  }
  return client;
}
