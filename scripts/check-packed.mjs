// `node scripts/check-packed.mjs [dir]` after `pnpm pack:all`: installs the tarballs in `packed/` (or
// dir) into a new app outside the workspace, once with npm and once with pnpm, as a user would, and
// checks that a Vite build of a React component using `usePasswordless` works, and that Node can
// import core, react, vue and the emulator and log in with them. Exits non-zero on the first failure
// and keeps that app's folder for a look. Every command has a time limit, so the whole check ends
// within 9 minutes at worst (10-15 s with a warm package cache).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const packedDir = resolve(root, process.argv[2] ?? 'packed');
const readJson = (path) => JSON.parse(readFileSync(join(root, path), 'utf8'));
const { devDependencies: reactPins } = readJson('packages/react/package.json');
const { devDependencies: vuePins } = readJson('packages/vue/package.json');
const { devDependencies: demoPins } = readJson('apps/react-demo/package.json');
// The versions the workspace is tested with, so a failure here is about packing, not a new release.
const fromRegistry = [
  `react@${reactPins.react}`,
  `react-dom@${reactPins['react-dom']}`,
  `vue@${vuePins.vue}`,
  `vite@${demoPins.vite}`,
];

const tarballs = readdirSync(packedDir, { withFileTypes: true })
  .filter((entry) => entry.isFile() && /^passwordless-xstate-.*\.tgz$/.test(entry.name))
  .map((entry) => join(packedDir, entry.name));
if (tarballs.length < 4) {
  console.error(`check-packed: expected 4 tarballs in ${packedDir}; run \`pnpm pack:all\` first.`);
  process.exit(1);
}

const installs = {
  npm: ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs, ...fromRegistry],
  pnpm: ['add', ...tarballs, ...fromRegistry],
};

const files = {
  'package.json': JSON.stringify({ name: 'check-packed-app', private: true, type: 'module' }),
  'index.html': '<!doctype html><div id="root"></div><script type="module" src="/src/main.js"></script>\n',
  // No JSX, so Vite needs no plugin: the check is about resolving our packages, not about React.
  'src/login.js': `import { createElement } from 'react';
import { usePasswordless } from '@passwordless-xstate/react';
export function Login() {
  const flow = usePasswordless({ clientId: 'pwl-spa', baseUrl: 'http://127.0.0.1:4000/' });
  return createElement('p', null, 'step: ' + flow.step);
}
`,
  'src/main.js': `import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { Login } from './login.js';
createRoot(document.getElementById('root')).render(createElement(Login));
`,
  'node-check.js': `import { createPasswordlessActions, createPasswordlessActor, waitForStep } from '@passwordless-xstate/core';
import { startEmulator } from '@passwordless-xstate/emulator';
import { createRemoteFlow } from '@passwordless-xstate/core/remote';
import { parseMagicLinkCallback } from '@passwordless-xstate/core/client';
import { usePasswordless as useReactRemote } from '@passwordless-xstate/react/remote';
import { usePasswordless } from '@passwordless-xstate/vue';
import { usePasswordless as useVueRemote } from '@passwordless-xstate/vue/remote';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { Login } from './src/login.js';

if (typeof usePasswordless !== 'function') throw new Error('@passwordless-xstate/vue has no usePasswordless');
for (const [name, exported] of Object.entries({ createRemoteFlow, useReactRemote, useVueRemote, parseMagicLinkCallback }))
  if (typeof exported !== 'function') throw new Error('a subpath entry has no ' + name);
const html = renderToString(createElement(Login));
if (!html.includes('step: identify')) throw new Error('server render of usePasswordless gave ' + html);
const emulator = await startEmulator({ port: 0, log: false });
try {
  const login = createPasswordlessActor({ baseUrl: emulator.url, clientId: 'pwl-native' }).start();
  const { submitIdentifier, submitCode } = createPasswordlessActions(login.send);
  submitIdentifier('alice@example.com');
  await waitForStep(login, 'code', { timeoutMs: 10_000 });
  submitCode(emulator.latestCode('alice@example.com'));
  const { context } = await waitForStep(login, 'authenticated', { timeoutMs: 10_000 });
  login.stop();
  console.log('signed in as ' + context.session.user.email);
} finally {
  await emulator.close();
}
`,
};

function step(app, label, command, args, timeoutMs) {
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: app,
    encoding: 'utf8',
    timeout: timeoutMs,
    shell: process.platform === 'win32',
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status === 0) {
    const last = result.stdout.trim().split('\n').at(-1);
    console.log(`  ok  ${label} (${seconds} s)${last ? `: ${last}` : ''}`);
    return;
  }
  const why = result.error?.code === 'ETIMEDOUT' ? `no result within ${timeoutMs / 1000} s` : 'failed';
  console.error(
    `  FAIL  ${label}: ${why}\n  $ ${command} ${args.join(' ')}\n${result.stdout}${result.stderr}`,
  );
  console.error(`check-packed: the app is left in ${app}`);
  process.exit(1);
}

for (const [manager, installArgs] of Object.entries(installs)) {
  const app = mkdtempSync(join(tmpdir(), `passwordless-xstate-check-${manager}-`));
  console.log(`${manager}: ${app}`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(app, name, '..'), { recursive: true });
    writeFileSync(join(app, name), text);
  }
  step(app, `${manager} ${installArgs[0]} of the tarballs`, manager, installArgs, 180_000);
  const vite = JSON.parse(readFileSync(join(app, 'node_modules/vite/package.json'), 'utf8'));
  const viteBin = join(app, 'node_modules/vite', vite.bin.vite);
  step(app, 'vite build', process.execPath, [viteBin, 'build', '--logLevel', 'error'], 60_000);
  step(
    app,
    'node imports core (and its /client entry), react, vue (and their /remote entries), emulator',
    process.execPath,
    ['node-check.js'],
    30_000,
  );
  rmSync(app, { recursive: true, force: true });
}
console.log(`check-packed: the tarballs install and work with npm and pnpm (${tarballs.length} packages).`);
