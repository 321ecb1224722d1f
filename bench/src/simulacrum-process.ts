// Child process: @simulacrum/auth0-simulator on loopback. It serves only https, with a certificate
// it reads from ~/.simulacrum/certs, so the parent points HOME at a throwaway folder holding a
// self-signed one. Reports its URL and start-up times, closes on SIGTERM.
import { createRequire } from 'node:module';
import type * as Simulacrum from '@simulacrum/auth0-simulator';

const began = performance.now();
// Its ES module build signs no token ("jwt.sign is not a function": jsonwebtoken imported as an ES
// default), so it is loaded the way its CommonJS users load it.
const { simulation } = createRequire(import.meta.url)('@simulacrum/auth0-simulator') as typeof Simulacrum;
const imported = performance.now();
const users = [{ name: 'Bench User', email: process.env.BENCH_SIMULACRUM_USER ?? 'bench@example.com' }];
// Its typings take only the last overload of Server#listen; the call is passed on as it is.
const loopback = [0, '127.0.0.1'] as unknown as undefined[];
const listening = await simulation({ initialState: { users } }).listen(...loopback);
const ready = performance.now();

process.send?.({
  type: 'ready',
  url: `https://localhost:${String(listening.port)}`,
  importMs: imported - began,
  startMs: ready - imported,
});
process.once('SIGTERM', () => void listening.ensureClose().finally(() => process.exit(0)));
