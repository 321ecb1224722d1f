// Which Chromium the browser tests drive. Playwright cannot download its own browser on every
// machine (CI reaches only the npm registry and Debian), so the order is:
//   1. CHROMIUM_PATH, when set (it must point at an executable);
//   2. Playwright's own Chromium, where `playwright install chromium` has put one;
//   3. Debian's /usr/bin/chromium (`apt-get install chromium`).
// `node scripts/chromium.mjs` checks and prints the choice; it never installs anything.
import { accessSync, constants, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** The flags every browser test launches Chromium with (headless, and quiet on a machine without a GPU or network extras). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const INSTALL_HINT =
  'Install a Chromium for the browser tests, one of:\n' +
  '  sudo apt-get install -y chromium          (Debian/Ubuntu; used from /usr/bin/chromium)\n' +
  '  pnpm exec playwright install chromium     (where Playwright can download browsers)\n' +
  '  CHROMIUM_PATH=/path/to/chromium pnpm test (any Chromium or Chrome you already have)';

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** @returns {{ executablePath: string | undefined, source: string } | { error: string }} */
export function findChromium(env = process.env) {
  if (env.CHROMIUM_PATH) {
    return isExecutable(env.CHROMIUM_PATH)
      ? { executablePath: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH' }
      : { error: `CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file.` };
  }
  const bundled = chromium.executablePath();
  // Playwright's own browser: leave executablePath unset so Playwright picks it (and its headless shell).
  if (bundled && existsSync(bundled)) return { executablePath: undefined, source: `Playwright (${bundled})` };
  if (isExecutable(DEBIAN_CHROMIUM)) return { executablePath: DEBIAN_CHROMIUM, source: 'Debian' };
  return { error: `No Chromium found.\n${INSTALL_HINT}` };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const found = findChromium();
  if ('error' in found) {
    console.error(found.error);
    process.exit(1);
  }
  console.log(
    `Browser tests use Chromium from ${found.source}${found.executablePath ? `: ${found.executablePath}` : ''}`,
  );
}
