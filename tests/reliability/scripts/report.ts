/**
 * `pnpm reliability` (report) and `pnpm reliability:soak` (soak): runs the reliability suites and,
 * when they pass, writes docs/RELIABILITY.md from the figures they leave behind. A failing run writes
 * nothing: the document only ever shows invariants that held.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderReport, type Figures } from './render.ts';

const soak = process.argv.includes('--soak');
const project = dirname(dirname(fileURLToPath(import.meta.url)));
const document = join(project, '..', '..', 'docs', 'RELIABILITY.md');
const resultsDir = mkdtempSync(join(tmpdir(), 'pwl-reliability-'));

// The soak's counts; any of them can be set in the environment instead.
const soakCounts = { FC_RUNS: '1000', FC_MAX_COMMANDS: '60', FUZZ_REQUESTS: '50000', FUZZ_SECONDS: '1200' };
const env = {
  ...process.env,
  ...(soak ? Object.fromEntries(Object.entries(soakCounts).filter(([name]) => !process.env[name])) : {}),
  RELIABILITY_RESULTS_DIR: resultsDir,
};

const started = Date.now();
const vitest = join(project, 'node_modules', '.bin', 'vitest');
const run = spawnSync(vitest, ['run', ...(soak ? ['--testTimeout', '3600000'] : [])], {
  cwd: project,
  env,
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (run.status !== 0) {
  console.error(
    `\nThe reliability suites failed (exit ${run.status ?? run.signal}); ${document} was left as it was.`,
  );
  process.exit(run.status ?? 1);
}

const read = <T>(suite: string): T =>
  JSON.parse(readFileSync(join(resultsDir, `${suite}.json`), 'utf8')) as T;
const figures: Figures = {
  command: soak ? 'pnpm reliability:soak' : 'pnpm reliability',
  date: new Date().toISOString().slice(0, 10),
  seconds: Math.round((Date.now() - started) / 1000),
  matrix: read('fault-matrix'),
  property: read('property'),
  server: read('server-faults'),
  store: read('server-store'),
  serverProperty: read('server-property'),
  fuzz: read('emulator-fuzz'),
};
// Formatted as `pnpm lint` checks it (Prettier is the repository's own, at its root).
const prettier = await import('prettier');
const options = (await prettier.resolveConfig(document)) ?? {};
writeFileSync(document, await prettier.format(renderReport(figures), { ...options, filepath: document }));
rmSync(resultsDir, { recursive: true, force: true });
console.log(`\nWrote ${document} (${figures.seconds} s).`);
