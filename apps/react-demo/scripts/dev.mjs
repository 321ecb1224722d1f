// `pnpm dev`: the emulator and the React demo side by side, stopped together with Ctrl-C.
import { spawn } from 'node:child_process';

const demoUrl = 'http://127.0.0.1:5173/';
const emulatorUrl = 'http://127.0.0.1:4000/';
const children = [
  spawn('pnpm', ['--filter', '@passwordless-xstate/emulator', 'start'], { stdio: 'inherit' }),
  spawn('pnpm', ['--filter', 'react-demo', 'exec', 'vite', '--host', '127.0.0.1', '--port', '5173', '--strictPort'], {
    stdio: 'inherit',
  }),
];

let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}
for (const child of children) child.on('exit', (code) => stop(code ?? 0));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function until(url) {
  for (let attempt = 0; attempt < 120 && !stopping; attempt += 1) {
    try {
      await fetch(url);
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return false;
}

if ((await until(`${emulatorUrl}__dev/outbox`)) && (await until(demoUrl))) {
  console.log(`\n  Passwordless React demo: ${demoUrl}`);
  console.log(`  Auth0 emulator:          ${emulatorUrl} (outbox: ${emulatorUrl}__dev)\n`);
}
