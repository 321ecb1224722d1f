import { defineConfig, devices } from '@playwright/test';
import { findChromium } from './scripts/chromium.mjs';

// CHROMIUM_PATH, else Playwright's own Chromium, else Debian's (scripts/chromium.mjs says why).
const chromium = findChromium();
if ('error' in chromium) throw new Error(chromium.error);
const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * One framework-agnostic suite, one project per demo app (the app under test is the project's
 * baseURL), so React and Vue are held to exactly the same behaviour.
 */
export default defineConfig({
  testDir: './e2e',
  testMatch: /.*\.e2e\.ts/,
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 8_000 },
  use: {
    ...devices['Desktop Chrome'],
    viewport: { width: 1280, height: 860 },
    launchOptions: { executablePath: chromium.executablePath, args },
  },
  projects: [
    { name: 'react', use: { baseURL: 'http://127.0.0.1:4173' } },
    { name: 'vue', use: { baseURL: 'http://127.0.0.1:4174' } },
  ],
  webServer: [
    {
      command: 'pnpm emulator',
      url: 'http://127.0.0.1:4000/__dev/outbox',
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
    {
      command: 'pnpm --filter react-demo exec vite preview --host 127.0.0.1 --port 4173 --strictPort',
      url: 'http://127.0.0.1:4173',
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
    {
      command: 'pnpm --filter vue-demo exec vite preview --host 127.0.0.1 --port 4174 --strictPort',
      url: 'http://127.0.0.1:4174',
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
  ],
});
