import {
  EMULATOR,
  codeFor,
  expect,
  expectSignedIn,
  message,
  passFirstFactor,
  test,
  totp,
} from './support.ts';

test('TOTP from an authenticator app', async ({ page, request, shot }) => {
  await passFirstFactor(page, request, 'totp@example.com');
  await expect(page.getByRole('heading', { name: 'Enter your authenticator code' })).toBeVisible();
  await expect(page.getByLabel('Authentication code')).toBeFocused();
  await shot('10-mfa-otp');
  await page.getByLabel('Authentication code').fill(totp('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expectSignedIn(page, 'totp@example.com');
  await expect(page.getByRole('row', { name: /amr mfa/ })).toBeVisible();
});

test('SMS binding code', async ({ page, request, shot }) => {
  await passFirstFactor(page, request, 'sms-mfa@example.com');
  await expect(page.getByRole('heading', { name: 'Enter the code we sent' })).toBeVisible();
  await shot('11-mfa-sms');
  await page.getByLabel('Authentication code').fill(await codeFor(request, '+15555550101'));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expectSignedIn(page, 'sms-mfa@example.com');
});

test('choose a factor, then push approved', async ({ page, request, shot }) => {
  await passFirstFactor(page, request, 'multi@example.com');
  await expect(page.getByRole('heading', { name: "Verify it's you" })).toBeVisible();
  await shot('12-mfa-choose');
  await page.getByRole('button', { name: /^Push notification/ }).click();
  await expect(page.getByRole('heading', { name: 'Approve on your phone' })).toBeVisible();
  await expect(page.getByText(/next check in \d+ s/)).toBeVisible();
  await shot('13-mfa-push');
  const push = await message(request, 'multi@example.com', 2);
  await request.post(`${EMULATOR}/__dev/push/${push.id}/approve`);
  await expectSignedIn(page, 'multi@example.com');
});

test('push rejected, then tried again and approved', async ({ page, request, shot }) => {
  await passFirstFactor(page, request, 'push@example.com');
  await expect(page.getByRole('heading', { name: 'Approve on your phone' })).toBeVisible();
  const first = await message(request, 'push@example.com', 2);
  await request.post(`${EMULATOR}/__dev/push/${first.id}/reject`);
  // Noticed at the next push poll (every second in this suite; Auth0: every 5 s).
  await expect(page.getByRole('heading', { name: 'Sign-in rejected' })).toBeVisible({ timeout: 40_000 });
  await expect(page.getByRole('alert')).toContainText('rejected');
  await shot('14-mfa-push-rejected');
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { name: 'Approve on your phone' })).toBeVisible();
  const second = await message(request, 'push@example.com', 3);
  await request.post(`${EMULATOR}/__dev/push/${second.id}/approve`);
  await expectSignedIn(page, 'push@example.com');
});

test('recovery code, and the new one is shown once', async ({ page, request, shot }) => {
  await passFirstFactor(page, request, 'recovery@example.com');
  await page.getByRole('button', { name: 'Use a recovery code' }).click();
  await expect(page.getByRole('heading', { name: 'Use a recovery code' })).toBeVisible();
  await page.getByLabel('Recovery code').fill('RECOVERYUSERCODE00000001');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expectSignedIn(page, 'recovery@example.com');
  await expect(page.getByRole('status')).toContainText('Here is your new one');
  await shot('15-new-recovery-code');
  await page.getByRole('button', { name: "I've saved it" }).click();
  await expect(page.getByText('Here is your new one')).toBeHidden();
});

test('enrolment of an authenticator app with a QR code, secret and recovery code', async ({
  page,
  request,
  shot,
}) => {
  await passFirstFactor(page, request, 'enroll@example.com');
  await expect(page.getByRole('heading', { name: 'Secure your account' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Authenticator app' })).toBeChecked();
  await shot('16-mfa-enroll');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Set up your authenticator app' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Recovery codes' })).toBeVisible();
  await shot('17-mfa-enroll-qr');
  const secret = (await page.getByLabel("Can't scan? Enter this key").innerText()).replace(/\s/g, '');
  await page.getByLabel('Authentication code').fill(totp(secret));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expectSignedIn(page, 'enroll@example.com');
});
