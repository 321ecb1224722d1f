import { createAuth0Client, type Auth0Client } from '../api/client.ts';
import type { PasswordlessConfig } from './types.ts';

const clients = new WeakMap<PasswordlessConfig, Auth0Client>();

/** A public client built from the chart's own config; confidential apps provide theirs (`createPasswordlessMachine`). */
export function defaultClientFor(config: PasswordlessConfig): Auth0Client {
  let client = clients.get(config);
  if (!client) {
    client = createAuth0Client({
      clientId: config.clientId,
      timeoutMs: config.requestTimeoutMs,
      ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}),
      ...(config.domain ? { domain: config.domain } : {}),
      ...(config.audience ? { audience: config.audience } : {}),
      ...(config.scope ? { scope: config.scope } : {}),
    });
    clients.set(config, client);
  }
  return client;
}
