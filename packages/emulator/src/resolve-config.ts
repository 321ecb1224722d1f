import { readFile } from 'node:fs/promises';
import { mergeConfig, type EmulatorConfig, type EmulatorConfigInput } from './config.ts';
import { defaultConfig } from './seed.ts';

/** Defaults plus overrides; arrays (clients, users) replace the seed's, objects merge. */
export function resolveConfig(input: EmulatorConfigInput = {}): EmulatorConfig {
  const config = mergeConfig<EmulatorConfig>(defaultConfig, input);
  for (const client of config.clients) {
    if (client.tokenEndpointAuthMethod !== 'none' && !client.clientSecret) {
      throw new Error(
        `Client "${client.clientId}" uses ${client.tokenEndpointAuthMethod} but has no clientSecret`,
      );
    }
  }
  return config;
}

export async function loadConfigFile(path: string): Promise<EmulatorConfigInput> {
  const text = await readFile(path, 'utf8');
  try {
    return JSON.parse(text) as EmulatorConfigInput;
  } catch (error) {
    throw new Error(`${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}
