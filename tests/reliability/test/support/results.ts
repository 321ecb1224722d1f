import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where suites leave their figures for `pnpm reliability` (scripts/report.ts) to write the doc from. */
export const resultsDir = () =>
  process.env.RELIABILITY_RESULTS_DIR ?? join(tmpdir(), 'pwl-reliability-results');

export function writeResults(suite: string, figures: unknown): void {
  const dir = resultsDir();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${suite}.json`), `${JSON.stringify(figures, null, 2)}\n`);
}

/** A positive whole number from the environment (soak runs raise the counts), else `fallback`. */
export function envCount(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isSafeInteger(value) && value > 0 ? value : fallback;
}
