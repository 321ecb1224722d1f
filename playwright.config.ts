import { defineConfig, devices } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.mjs';

// CHROMIUM_PATH, else Playwright's own Chromium, else Debian's (scripts/chromium.mjs says why).
const chromium = findChromium();
if ('error' in chromium) throw new Error(chromium.error);

/** The demos read their mode from localStorage (`?mode=server` sets it), so a project can preset it. */
const serverMode = (port: number) => ({
  cookies: [],
  origins: [
    {
      origin: `http://127.0.0.1:${port}`,
      localStorage: [{ name: 'passwordless-demo-mode', value: 'server' }],
    },
  ],
});

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
  /*
   * Sized for a busy 2-core machine, where a flow can take several times as long as on an idle
   * one: a slow machine slows a test, it must not fail it. No test sets a shorter timeout of its
   * own, so `--timeout` on the command line still applies to every test.
   */
  timeout: 120_000,
  expect: { timeout: 20_000 },
  use: {
    ...devices['Desktop Chrome'],
    viewport: { width: 1280, height: 860 },
    launchOptions: { executablePath: chromium.executablePath, args: CHROMIUM_ARGS },
  },
  projects: [
    { name: 'react', use: { baseURL: 'http://127.0.0.1:4173' } },
    { name: 'vue', use: { baseURL: 'http://127.0.0.1:4174' } },
    // The same demos in server mode: the flow runs in @passwordless-xstate/server (Regular Web App
    // `pwl-web`) behind the demos' /auth proxy. The statechart panel and the browser's own
    // persistence do not exist there, and its clock is the server's (page.clock cannot move it).
    ...(['react', 'vue'] as const).map((app, index) => ({
      name: `${app}-server`,
      testIgnore: [/inspector\.e2e\.ts/, /resume\.e2e\.ts/, /timing\.e2e\.ts/],
      use: { baseURL: `http://127.0.0.1:${4173 + index}`, storageState: serverMode(4173 + index) },
    })),
  ],
  webServer: [
    {
      // Push polls every second (Auth0: every 5 s), as the demos are built for this suite (test:e2e).
      command: `pnpm emulator --config ${fileURLToPath(new URL('e2e/emulator.json', import.meta.url))}`,
      url: 'http://127.0.0.1:4000/__dev/outbox',
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
    },
    {
      command: 'pnpm --filter demo-shared run server',
      env: { PASSWORDLESS_STARTS_PER_ADDRESS: '10000', PASSWORDLESS_PUSH_POLL_SECONDS: '1' },
      url: 'http://127.0.0.1:4100/auth/passwordless/flow',
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
    },
    {
      command: 'pnpm --filter react-demo exec vite preview --host 127.0.0.1 --port 4173 --strictPort',
      url: 'http://127.0.0.1:4173',
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
    },
    {
      command: 'pnpm --filter vue-demo exec vite preview --host 127.0.0.1 --port 4174 --strictPort',
      url: 'http://127.0.0.1:4174',
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
    },
  ],
});
