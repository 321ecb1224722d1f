import type { Page } from '@playwright/test';
import { codeFor, enterCode, expect, passFirstFactor, requestEmailCode, test } from './support.ts';

/*
 * Keyboard and screen-reader use: focus never falls to <body> when the control that had it is
 * disabled, arrow keys stay in a radio group, and Back moves between the flow's steps.
 * (Focus at expiry and after Resend is in timing.e2e.ts: it needs the page's clock; focus while
 * "Verifying…" runs is in verifying.e2e.ts.)
 */

const focused = (page: Page) => page.locator(':focus');
const wrongCodeFor = (code: string) => (code === '000000' ? '111111' : '000000');

test('arrow keys move within the "Sign in with" and "Send me" radio groups', async ({ page }) => {
  await page.goto('/');
  const email = page.getByRole('radio', { name: 'Email' });
  const sms = page.getByRole('radio', { name: 'SMS' });
  await email.focus();
  await page.keyboard.press('ArrowRight');
  await expect(sms).toBeChecked();
  await expect(sms).toBeFocused();
  await expect(page.getByLabel('Phone number')).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(email).toBeChecked();
  await expect(email).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('radio', { name: 'A code' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: 'A magic link' })).toBeFocused();
  await expect(page.getByRole('button', { name: 'Send magic link' })).toBeVisible();
});

test('after the third wrong code, focus moves to the next control that still works', async ({
  page,
  request,
}) => {
  await requestEmailCode(page, 'alice@example.com');
  const wrong = wrongCodeFor(await codeFor(request, 'alice@example.com'));
  await enterCode(page, wrong);
  await expect(page.getByText('2 attempts left')).toBeVisible();
  await enterCode(page, wrong);
  await expect(page.getByText('1 attempt left')).toBeVisible();
  // The third one by keyboard, from the field that is about to be disabled.
  await page.getByLabel('One-time code').fill(wrong);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('Too many wrong attempts');
  await expect(page.getByLabel('One-time code')).toBeDisabled();
  // Resend when it is allowed now, else the way back (while a cooldown runs).
  const resend = page.getByRole('button', { name: 'Resend code' });
  await expect(focused(page)).toHaveText(/^(Resend code|Use a different email)$/);
  await expect(focused(page)).toBeEnabled();
  if (await resend.isEnabled()) await expect(resend).toBeFocused();
});

test('Back on the code step returns to the identify step, and Forward does not reopen the code', async ({
  page,
}) => {
  await requestEmailCode(page, 'alice@example.com');
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Sign in to Acme Cloud' })).toBeVisible();
  await expect(page.getByLabel('Email address')).toHaveValue('alice@example.com');
  expect(new URL(page.url()).origin).toBe(new URL(test.info().project.use.baseURL ?? '').origin);
  await page.goForward();
  await expect(page.getByRole('heading', { name: 'Sign in to Acme Cloud' })).toBeVisible();
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
});

test('Back from a chosen factor returns to the list; from the list it asks before cancelling', async ({
  page,
  request,
}) => {
  await passFirstFactor(page, request, 'multi@example.com');
  await expect(page.getByRole('heading', { name: "Verify it's you" })).toBeVisible();
  await page.getByRole('button', { name: 'Authenticator app' }).click();
  await expect(page.getByRole('heading', { name: 'Enter your authenticator code' })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { name: "Verify it's you" })).toBeVisible();

  const asked: string[] = [];
  page.once('dialog', (dialog) => {
    asked.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goBack();
  await expect.poll(() => asked).toHaveLength(1);
  await expect(page.getByRole('heading', { name: "Verify it's you" })).toBeVisible();

  page.once('dialog', (dialog) => void dialog.accept());
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Sign in to Acme Cloud' })).toBeVisible();
});
