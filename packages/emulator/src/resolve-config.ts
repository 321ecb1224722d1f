import { readFile } from 'node:fs/promises';
import { assertClientIsPossible, defaultGrants } from './app-types.ts';
import {
  mergeConfig,
  type ClientConfig,
  type ClientInput,
  type EmulatorConfig,
  type EmulatorConfigInput,
} from './config.ts';
import { defaultConfig, devOrigins } from './seed.ts';

/**
 * Fills what a config file left out of a client, so `{"clientId": "my-app"}` is a working public
 * client and a half-written entry cannot crash a request later.
 */
export function resolveClient(input: ClientInput): ClientConfig {
  if (typeof input.clientId !== 'string' || input.clientId === '') {
    throw new Error(`Every client needs a string clientId, got ${JSON.stringify(input)}`);
  }
  const confidential = input.clientSecret !== undefined;
  const appType = input.appType ?? (confidential ? 'regular_web' : 'native');
  const client: ClientConfig = {
    name: input.clientId,
    appType,
    tokenEndpointAuthMethod: confidential ? 'client_secret_post' : 'none',
    grantTypes: defaultGrants[appType] ?? [],
    callbacks: devOrigins.map((origin) => `${origin}/*`),
    webOrigins: confidential ? [] : devOrigins,
    connections: ['email', 'sms'],
    ...input,
  };
  if (client.tokenEndpointAuthMethod !== 'none' && !client.clientSecret) {
    throw new Error(
      `Client "${client.clientId}" uses ${client.tokenEndpointAuthMethod} but has no clientSecret`,
    );
  }
  return client;
}

/** Defaults plus overrides; arrays (clients, users) replace the seed's, objects merge. */
export function resolveConfig(input: EmulatorConfigInput = {}): EmulatorConfig {
  const { clients, ...rest } = input;
  const config = mergeConfig<EmulatorConfig>(defaultConfig, rest);
  const resolved = { ...config, clients: clients ? clients.map(resolveClient) : config.clients };
  resolved.clients.forEach(assertClientIsPossible);
  return resolved;
}

export async function loadConfigFile(path: string): Promise<EmulatorConfigInput> {
  const text = await readFile(path, 'utf8');
  try {
    return JSON.parse(text) as EmulatorConfigInput;
  } catch (error) {
    throw new Error(`${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}

const unlimited = { burst: 1e9, refill: 1e9, perSeconds: 1 };

/**
 * `limits` overrides that lift every request rate limit (start, token endpoint, OOB exchange,
 * userinfo) for load tests and long-lived dev servers; code attempt limits stay.
 */
export const unlimitedRates = {
  passwordlessStart: unlimited,
  tokenEndpoint: unlimited,
  mfaOobTokenExchange: unlimited,
  userinfo: unlimited,
};
