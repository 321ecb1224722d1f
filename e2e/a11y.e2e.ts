import {
  EMULATOR,
  codeFor,
  enterCode,
  expect,
  expectAccessible,
  expectSignedIn,
  message,
  passFirstFactor,
  requestEmailCode,
  test,
  totp,
} from './support.ts';

/*
 * axe-core finds nothing on any screen of the flow (the code's expiry and the inspector panel are
 * checked in timing.e2e.ts and inspector.e2e.ts, which run in browser mode only).
 */

test('axe: the identify screen in each of its forms, and its error', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in to Acme Cloud' })).toBeVisible();
  await expectAccessible(page, 'identify (email, code)');
  await page.getByRole('radio', { name: 'A magic link' }).check();
  await expectAccessible(page, 'identify (email, magic link)');
  await page.getByRole('radio', { name: 'SMS' }).check();
  await expectAccessible(page, 'identify (SMS)');
  await page.getByLabel('Phone number').fill('12');
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByRole('alert')).not.toBeEmpty();
  await expectAccessible(page, 'identify with an error');
});

test('axe: the code step, a wrong code, the signed-in page', async ({ page, request }) => {
  await requestEmailCode(page, 'alice@example.com');
  await expectAccessible(page, 'code');
  const code = await codeFor(request, 'alice@example.com');
  await enterCode(page, code === '000000' ? '111111' : '000000');
  await expect(page.getByText('2 attempts left')).toBeVisible();
  await expectAccessible(page, 'wrong code');
  await enterCode(page, code);
  await expectSignedIn(page, 'alice@example.com');
  await expectAccessible(page, 'signed in');
});

test('axe: magic link sent', async ({ page, request }) => {
  await page.goto('/');
  await page.getByRole('radio', { name: 'A magic link' }).check();
  await page.getByLabel('Email address').fill('alice@example.com');
  await page.getByRole('button', { name: 'Send magic link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await message(request, 'alice@example.com');
  await expect(page.getByRole('link', { name: 'Open magic link' })).toBeVisible();
  await expectAccessible(page, 'link sent');
});

test('axe: MFA choice, push, authenticator code, recovery code', async ({ page, request }) => {
  await passFirstFactor(page, request, 'multi@example.com');
  await expect(page.getByRole('heading', { name: "Verify it's you" })).toBeVisible();
  await expectAccessible(page, 'MFA choice');
  await page.getByRole('button', { name: /^Push notification/ }).click();
  await expect(page.getByText(/next check in \d+ s/)).toBeVisible();
  await expectAccessible(page, 'push');
  await page.getByRole('button', { name: 'Try another method' }).click();
  await page.getByRole('button', { name: 'Authenticator app' }).click();
  await expect(page.getByRole('heading', { name: 'Enter your authenticator code' })).toBeVisible();
  await expectAccessible(page, 'authenticator code');
  await page.getByLabel('Authentication code').fill('000000');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('alert')).not.toBeEmpty();
  await expectAccessible(page, 'wrong authenticator code');
});

test('axe: SMS binding code, then recovery code and the new one', async ({ page, request }) => {
  await passFirstFactor(page, request, 'sms-mfa@example.com');
  await expect(page.getByRole('heading', { name: 'Enter the code we sent' })).toBeVisible();
  await expectAccessible(page, 'SMS binding code');
  await page.getByLabel('Authentication code').fill(await codeFor(request, '+15555550101'));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expectSignedIn(page, 'sms-mfa@example.com');

  await page.getByRole('button', { name: 'Log out' }).click();
  // Signed out first: leaving the page while the sign-out is on its way would cancel it (in server
  // mode the session cookie is cleared by its answer), and the next visit would still be signed in.
  await expect(page.getByLabel('Email address')).toBeVisible();
  await passFirstFactor(page, request, 'recovery@example.com');
  await page.getByRole('button', { name: 'Use a recovery code' }).click();
  await expect(page.getByRole('heading', { name: 'Use a recovery code' })).toBeVisible();
  await expectAccessible(page, 'recovery code');
  await page.getByLabel('Recovery code').fill('RECOVERYUSERCODE00000001');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Here is your new one' })).toBeVisible();
  await expectAccessible(page, 'new recovery code');
});

test('axe: push rejected', async ({ page, request }) => {
  await passFirstFactor(page, request, 'push@example.com');
  await expect(page.getByRole('heading', { name: 'Approve on your phone' })).toBeVisible();
  const push = await message(request, 'push@example.com', 2);
  await request.post(`${EMULATOR}/__dev/push/${push.id}/reject`);
  await expect(page.getByRole('heading', { name: 'Sign-in rejected' })).toBeVisible({ timeout: 40_000 });
  await expectAccessible(page, 'push rejected');
});

test('axe: enrolment, its QR code and recovery codes', async ({ page, request }) => {
  await passFirstFactor(page, request, 'enroll@example.com');
  await expect(page.getByRole('heading', { name: 'Secure your account' })).toBeVisible();
  await expectAccessible(page, 'enrol: choose a factor');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  await expectAccessible(page, 'enrol: QR code');
  const secret = (await page.getByLabel("Can't scan? Enter this key").innerText()).replace(/\s/g, '');
  await page.getByLabel('Authentication code').fill(totp(secret));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expectSignedIn(page, 'enroll@example.com');
});
