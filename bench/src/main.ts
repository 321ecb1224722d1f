// `pnpm --filter passwordless-bench bench`: builds the packages, measures everything, prints the
// one table and writes it to docs/PERFORMANCE.md. Progress goes to stderr, the table to stdout.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './published.ts';
import { runInfo, writeReport } from './report.ts';

const began = performance.now();
const progress = (line: string) =>
  process.stderr.write(`[bench ${((performance.now() - began) / 1000).toFixed(0).padStart(3)} s] ${line}\n`);

async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  progress(`${name}…`);
  return run();
}

if (process.env.BENCH_SKIP_BUILD !== '1') {
  progress('./pnpmw build (the packages as published: dist)…');
  const built = spawnSync(join(repoRoot, 'pnpmw'), ['build'], { cwd: repoRoot, encoding: 'utf8' });
  if (built.status !== 0) {
    process.stderr.write(`${built.stdout}\n${built.stderr}\n`);
    throw new Error(`./pnpmw build failed (${String(built.status ?? built.signal)})`);
  }
}
const info = runInfo();
for (const name of ['core', 'emulator', 'server'])
  if (!import.meta.resolve(`@passwordless-xstate/${name}`).includes('/dist/'))
    throw new Error(
      'run with --import ./src/use-published.ts (the bench script does): our packages must load from dist',
    );

// Imported only now: they load our packages' dist, which the build above has just written.
const { measureBreakdown, measureBundle } = await import('./sizes.ts');
const { startChild } = await import('./child.ts');
const { measureRequests } = await import('./requests.ts');
const { measureFlowOverhead } = await import('./flow-overhead.ts');
const { measureReplayedLogin } = await import('./replayed-login.ts');
const { measureServerHandler } = await import('./server-handler.ts');
const { measureActors } = await import('./actors.ts');
const { compareEmulators } = await import('./emulators.ts');
const rows = await import('./rows.ts');

const sizes = await step('sizes (esbuild, gzip -9)', async () => ({
  core: await measureBundle('core-upfront'),
  serverMode: await measureBundle('core-server-mode'),
  react: await measureBundle('core-react', ['react', 'react-dom']),
  reactRemote: await measureBundle('react-remote', ['react', 'react-dom']),
  vue: await measureBundle('core-vue', ['vue']),
  vueRemote: await measureBundle('vue-remote', ['vue']),
  auth0AuthJs: await measureBundle('auth0-auth-js'),
  auth0Js: await measureBundle('auth0-js'),
  supabase: await measureBundle('supabase-auth-js'),
  floor: await measureBundle('floor'),
}));

const breakdown = await step("where the core's bytes go", () => measureBreakdown('core-upfront', sizes.core));

async function againstEmulator() {
  const emulator = await startChild('./emulator-process.ts');
  try {
    const flows = await step('requests per flow', () => measureRequests(emulator.url));
    const otp = flows.find((entry) => entry.flow === 'e-mail code + MFA OTP')?.requests ?? [];
    // The same-calls arm of the login repeats whatever the chart adds to the protocol minimum.
    const extra = {
      authenticators: otp.some((request) => request.path === '/mfa/authenticators'),
      jwks: otp.some((request) => request.path === '/.well-known/jwks.json'),
    };
    const flow = await step('login: chart vs plain fetch', () => measureFlowOverhead(emulator.url, extra));
    const replayed = await step('login without the network (recorded answers)', () =>
      measureReplayedLogin(emulator.url),
    );
    const handler = await step('server handler (memory, Redis)', () => measureServerHandler(emulator.url));
    return { flows, flow, replayed, handler };
  } finally {
    await emulator.stop();
  }
}
const { flows, flow, replayed, handler } = await againstEmulator();
const actors = await step('actors (10,000 parked twice)', () => measureActors());
const servers = await step('emulator vs simulacrum', () => compareEmulators());

const table = [
  ...rows.sizeRows(sizes, breakdown),
  ...rows.flowRows(flow),
  ...rows.replayedLoginRows(replayed),
  ...rows.requestRows(flows),
  ...rows.actorRows(actors),
  ...rows.emulatorRows(servers),
  ...rows.handlerRows(handler),
];
const seconds = (performance.now() - began) / 1000;
const { markdown, console: printed } = writeReport({ table, info, flows, sizes, seconds });
writeFileSync(join(repoRoot, 'docs', 'PERFORMANCE.md'), markdown);
process.stdout.write(`${printed}\n`);
progress(`done; wrote docs/PERFORMANCE.md`);
