// `pnpm dev` / `pnpm dev:vue`: the emulator and one demo side by side, stopped together with Ctrl-C.
// `pnpm dev:server`: the same plus @passwordless-xstate/server, with the demo in server mode.
// Usage: node apps/demo-shared/scripts/dev.mjs react|vue [--server]
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const app = process.argv[2] === 'vue' ? 'vue' : 'react';
const serverMode = process.argv.includes('--server');
const command = serverMode ? 'pnpm dev:server' : app === 'vue' ? 'pnpm dev:vue' : 'pnpm dev';
const host = '127.0.0.1';
const root = resolve(import.meta.dirname, '../../..');
const ports = [
  { port: 4000, what: 'the Auth0 emulator', usual: '`pnpm dev`, `pnpm dev:vue` or `pnpm emulator`' },
  {
    port: app === 'vue' ? 5174 : 5173,
    what: `the ${app === 'vue' ? 'Vue' : 'React'} demo`,
    usual: `\`${command}\` or another Vite dev server`,
  },
];
if (serverMode) {
  ports.push({ port: 4100, what: 'the passwordless server', usual: '`pnpm dev:server`' });
}
const demoUrl = `http://${host}:${ports[1].port}/${serverMode ? '?mode=server' : ''}`;
const emulatorUrl = `http://${host}:${ports[0].port}/`;

/** Binds the port as the child would: a busy port is found before anything prints "ready". */
const isFree = (port) =>
  new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, host, () => probe.close(() => done(true)));
  });

const busy = [];
for (const entry of ports) if (!(await isFree(entry.port))) busy.push(entry);
if (busy.length > 0) {
  for (const { port, what, usual } of busy) {
    console.error(`\n  ${command}: port ${port} on ${host} is already in use; ${what} needs it.`);
    console.error(`  Perhaps ${usual} is still running. Stop it (\`lsof -i :${port}\` shows what it is).`);
  }
  console.error(`  Then run \`${command}\` again.\n`);
  process.exit(1);
}

// The programs themselves, not `pnpm run`: a pnpm in between reports a stopped child as a failure
// (ERR_PNPM_RECURSIVE_RUN_FIRST_FAIL) when Ctrl-C stops it. Each leads its own process group, out
// of reach of the terminal's Ctrl-C, so that this script stops both and then exits 0.
const viteBin = (cwd) => {
  const manifestPath = createRequire(resolve(cwd, 'package.json')).resolve('vite/package.json');
  return resolve(manifestPath, '..', createRequire(import.meta.url)(manifestPath).bin.vite);
};
const start = (name, cwd, args) => ({
  name,
  process: spawn(process.execPath, args, { cwd, stdio: 'inherit', detached: true }),
});
const demoDir = resolve(root, `apps/${app}-demo`);
const children = [
  // What the emulator's `start` script runs (tsx src/cli.ts), in one process.
  start(ports[0].what, resolve(root, 'packages/emulator'), [
    '--import',
    'tsx',
    'src/cli.ts',
    '--port',
    String(ports[0].port),
  ]),
  start(ports[1].what, demoDir, [
    viteBin(demoDir),
    '--host',
    host,
    '--port',
    String(ports[1].port),
    '--strictPort',
  ]),
  ...(serverMode
    ? [start(ports[2].what, resolve(root, 'apps/demo-shared'), ['--import', 'tsx', 'server/dev-server.ts'])]
    : []),
];

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) {
    try {
      process.kill(-child.process.pid, 'SIGTERM');
    } catch {
      // That group has already exited.
    }
  }
  process.exitCode = code;
}
for (const child of children) {
  // One that ends by itself (a crash, a port taken after all) takes the other one with it.
  child.process.on('exit', (code, signal) => {
    if (!stopping)
      console.error(`\n  ${command}: ${child.name} stopped (${signal ?? `exit code ${code}`}).\n`);
    stop(code || 1);
  });
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function until(url) {
  for (let attempt = 0; attempt < 120 && !stopping; attempt += 1) {
    try {
      await globalThis.fetch(url);
      return true;
    } catch {
      await sleep(250);
    }
  }
  return false;
}

const serverUp = () => !serverMode || until(`http://${host}:4100/auth/passwordless/flow`);
if (
  (await until(`${emulatorUrl}__dev/outbox`)) &&
  (await until(demoUrl)) &&
  (await serverUp()) &&
  !stopping
) {
  const mode = serverMode ? ' (server mode: regular web app pwl-web)' : '';
  console.log(`\n  Passwordless ${app === 'vue' ? 'Vue' : 'React'} demo${mode}: ${demoUrl}`);
  console.log(`  Auth0 emulator:          ${emulatorUrl} (outbox: ${emulatorUrl}__dev)\n`);
}
