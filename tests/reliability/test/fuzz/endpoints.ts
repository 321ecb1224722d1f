import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface Endpoint {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
}

/**
 * Every route the emulator registers, read from its route files (`router.on('POST', '/path', …)`),
 * so an endpoint added later is fuzzed without anyone listing it here.
 */
export function emulatorEndpoints(): Endpoint[] {
  const packageJson = createRequire(import.meta.url).resolve('@passwordless-xstate/emulator/package.json');
  const routes = join(dirname(packageJson), 'src', 'routes');
  const found = new Map<string, Endpoint>();
  for (const file of readdirSync(routes).filter((name) => name.endsWith('.ts'))) {
    const source = readFileSync(join(routes, file), 'utf8');
    for (const match of source.matchAll(/router\.on\(\s*'(GET|POST|DELETE)',\s*'([^']+)'/g)) {
      const endpoint = { method: match[1] as Endpoint['method'], path: match[2] ?? '/' };
      found.set(`${endpoint.method} ${endpoint.path}`, endpoint);
    }
  }
  return [...found.values()].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}
