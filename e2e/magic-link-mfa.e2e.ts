import type { APIRequestContext, Page } from '@playwright/test';
import {
  EMULATOR,
  codeFor,
  confirmMagicLink,
  expect,
  expectSignedIn,
  message,
  test,
  totp,
} from './support.ts';

/** First factor by magic link, opened from the dev outbox, up to whatever the second factor asks. */
async function passFirstFactorByLink(page: Page, request: APIRequestContext, email: string) {
  await page.goto('/');
  await page.getByRole('radio', { name: 'A magic link' }).check();
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Send magic link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await message(request, email);
  await page
    .getByRole('complementary', { name: 'Dev outbox' })
    .getByRole('link', { name: 'Open magic link' })
    .click();
  await confirmMagicLink(page);
}

test('magic link, then TOTP', async ({ page, request, shot }) => {
  await passFirstFactorByLink(page, request, 'totp@example.com');
  await expect(page.getByRole('heading', { name: 'Enter your authenticator code' })).toBeVisible();
  await shot('18-link-then-totp');
  await page.getByLabel('Authentication code').fill(totp('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expectSignedIn(page, 'totp@example.com');
});

test('magic link, then an SMS binding code', async ({ page, request }) => {
  await passFirstFactorByLink(page, request, 'sms-mfa@example.com');
  await expect(page.getByRole('heading', { name: 'Enter the code we sent' })).toBeVisible();
  await page.getByLabel('Authentication code').fill(await codeFor(request, '+15555550101'));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expectSignedIn(page, 'sms-mfa@example.com');
});

test('magic link, then push approved', async ({ page, request }) => {
  await passFirstFactorByLink(page, request, 'push@example.com');
  await expect(page.getByRole('heading', { name: 'Approve on your phone' })).toBeVisible();
  const push = await message(request, 'push@example.com', 2);
  await request.post(`${EMULATOR}/__dev/push/${push.id}/approve`);
  await expectSignedIn(page, 'push@example.com');
});

test('magic link, then a recovery code', async ({ page, request }) => {
  await passFirstFactorByLink(page, request, 'recovery@example.com');
  await page.getByRole('button', { name: 'Use a recovery code' }).click();
  await page.getByLabel('Recovery code').fill('RECOVERYUSERCODE00000001');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expectSignedIn(page, 'recovery@example.com');
});

test('magic link, then enrolment of an authenticator app', async ({ page, request }) => {
  await passFirstFactorByLink(page, request, 'enroll@example.com');
  await expect(page.getByRole('heading', { name: 'Secure your account' })).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Set up your authenticator app' })).toBeVisible();
  const secret = (await page.getByLabel("Can't scan? Enter this key").innerText()).replace(/\s/g, '');
  await page.getByLabel('Authentication code').fill(totp(secret));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expectSignedIn(page, 'enroll@example.com');
});
