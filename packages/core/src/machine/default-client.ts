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

const clients = new WeakMap<PasswordlessConfig, Auth0Client>();

/** A public client built from the chart's own config; confidential apps provide theirs (`createPasswordlessMachine`). */
export function defaultClientFor(config: PasswordlessConfig): Auth0Client {
  let client = clients.get(config);
  if (!client) {
    client = createAuth0Client(clientOptionsFrom(config));
    clients.set(config, client);
  }
  return client;
}
