import { expect, test as base, type APIRequestContext, type Page } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';
import * as OTPAuth from 'otpauth';
import { join } from 'node:path';

/**
 * The contract a demo app meets for this suite (React today, Vue next): the same headings, labels
 * and button names, a "Dev outbox" region with "Open magic link" links, errors in role=alert.
 * Everything is found by role or label, never by CSS or test ids.
 */
export const EMULATOR = 'http://127.0.0.1:4000';

export interface OutboxMessage {
  id: string;
  to: string;
  code?: string;
  link?: string;
  push?: { status: string };
}

export const test = base.extend<{ emulatorReset: void; shot: (name: string) => Promise<void> }>({
  // Each test starts from the emulator's seed: no codes, limits or sessions left by the one before.
  emulatorReset: [
    async ({ request }, use) => {
      expect((await request.post(`${EMULATOR}/__dev/reset`)).ok()).toBe(true);
      await use();
    },
    { auto: true },
  ],
  shot: async ({ page }, use, testInfo) => {
    await use(async (name) => {
      const path = join(testInfo.project.testDir, 'screenshots', testInfo.project.name, `${name}.png`);
      await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
    });
  },
});
export { expect };

export async function outbox(request: APIRequestContext, to: string): Promise<OutboxMessage[]> {
  const response = await request.get(`${EMULATOR}/__dev/outbox?to=${encodeURIComponent(to)}`);
  return (await response.json()) as OutboxMessage[];
}

/** The newest message to `to`, once there are at least `count` of them. */
export async function message(request: APIRequestContext, to: string, count = 1): Promise<OutboxMessage> {
  await expect.poll(async () => (await outbox(request, to)).length).toBeGreaterThanOrEqual(count);
  const messages = await outbox(request, to);
  return messages[messages.length - 1] as OutboxMessage;
}

export async function codeFor(request: APIRequestContext, to: string, count = 1): Promise<string> {
  const code = (await message(request, to, count)).code;
  if (!code) throw new Error(`The newest message to ${to} has no code`);
  return code;
}

export const totp = (secret: string) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 }).generate();

/** `path` carries the demo's URL flags, e.g. `/?persist=secrets` or `/?panel=inspector`. */
export async function requestEmailCode(page: Page, email: string, path = '/') {
  await page.goto(path);
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
}

export async function enterCode(page: Page, code: string) {
  await page.getByLabel('One-time code').fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
}

/** First factor by e-mail code, up to whatever the second factor asks. */
export async function passFirstFactor(page: Page, request: APIRequestContext, email: string, path = '/') {
  await requestEmailCode(page, email, path);
  await enterCode(page, await codeFor(request, email));
}

export async function expectSignedIn(page: Page, who: string) {
  await expect(page.getByRole('heading', { name: /^Welcome/ })).toBeVisible();
  await expect(page.getByText(`Signed in as ${who}`)).toBeVisible();
}

/** Server mode shows a confirm page first (mail scanners open links too): press its button. */
export async function confirmMagicLink(page: Page) {
  if (!test.info().project.name.endsWith('-server')) return;
  await page.getByRole('button', { name: 'Continue signing in' }).click();
}

/**
 * axe-core on the whole page as it is now (WCAG 2.1 A and AA rules, plus axe's best practices),
 * reported with the rule, the element and axe's own summary, so a failure says what to fix.
 */
export async function expectAccessible(page: Page, screen: string) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const found = violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')} — ${node.failureSummary ?? ''}`),
  );
  expect(found, `axe on ${screen}`).toEqual([]);
}
