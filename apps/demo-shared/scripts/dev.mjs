// `pnpm dev` / `pnpm dev:vue`: the emulator and one demo side by side, stopped together with Ctrl-C.
// Usage: node apps/demo-shared/scripts/dev.mjs react|vue
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

const app = process.argv[2] === 'vue' ? 'vue' : 'react';
const port = app === 'vue' ? '5174' : '5173';
const demoUrl = `http://127.0.0.1:${port}/`;
const emulatorUrl = 'http://127.0.0.1:4000/';
// Each child leads its own process group: pnpm does not pass signals on to tsx and vite, so the
// whole group is signalled on the way out.
const run = (args) => spawn('pnpm', args, { stdio: 'inherit', detached: true });
const children = [
  run(['--filter', '@passwordless-xstate/emulator', 'start']),
  run(['--filter', `${app}-demo`, 'exec', 'vite', '--host', '127.0.0.1', '--port', port, '--strictPort']),
];

let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // That group has already exited.
    }
  }
  process.exitCode = code;
}
for (const child of children) child.on('exit', (code) => stop(code ?? 0));
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

if ((await until(`${emulatorUrl}__dev/outbox`)) && (await until(demoUrl))) {
  console.log(`\n  Passwordless ${app === 'vue' ? 'Vue' : 'React'} demo: ${demoUrl}`);
  console.log(`  Auth0 emulator:          ${emulatorUrl} (outbox: ${emulatorUrl}__dev)\n`);
}
