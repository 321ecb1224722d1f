/**
 * `@passwordless-xstate/server` in a Node process of its own for the adapter tests: inside the
 * tests' DOM the server would see `window` and, rightly, refuse to hold a client secret.
 * `node --import tsx server-process.ts <emulator URL>` prints the routes' URL, and ends with its
 * parent (when its stdin closes).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPasswordlessServer, toNodeHandler } from '@passwordless-xstate/server';

const pwl = createPasswordlessServer({
  baseUrl: process.argv[2] ?? '',
  clientId: 'pwl-web',
  clientSecret: 'pwl-web-secret-for-local-development-only',
  secret: 'a-test-secret-that-is-at-least-32-bytes-long!',
});
const http = createServer(toNodeHandler(pwl));
http.listen(0, '127.0.0.1', () => {
  const { port } = http.address() as AddressInfo;
  process.stdout.write(`http://127.0.0.1:${port}${pwl.basePath}\n`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
