import {
  codeFor,
  enterCode,
  expect,
  expectSignedIn,
  outbox,
  passFirstFactor,
  requestEmailCode,
  test,
  totp,
} from './support.ts';

test('a reload on the code step resumes it without sending another code', async ({ page, request }) => {
  await requestEmailCode(page, 'alice@example.com');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await expect(page.getByText('alice@example.com', { exact: true }).first()).toBeVisible();
  // The restored chart's clock runs again: the countdown moves on.
  const expiry = page.getByText(/^Expires in \d:\d\d/);
  const shown = await expiry.innerText();
  await expect(expiry).not.toHaveText(shown);
  expect(await outbox(request, 'alice@example.com')).toHaveLength(1);
  await enterCode(page, await codeFor(request, 'alice@example.com'));
  await expectSignedIn(page, 'alice@example.com');
});

test('by default nothing secret is stored: a reload mid-MFA starts over', async ({ page, request }) => {
  await passFirstFactor(page, request, 'totp@example.com');
  await expect(page.getByRole('heading', { name: 'Enter your authenticator code' })).toBeVisible();
  expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).not.toContain('mfaToken":"Fe26');
  await page.reload();
  await expect(page.getByLabel('Email address')).toBeVisible();
});

test('with ?persist=secrets a reload mid-MFA resumes the challenge, and a reload when signed in keeps the session', async ({
  page,
  request,
  shot,
}) => {
  await passFirstFactor(page, request, 'totp@example.com', '/?persist=secrets');
  await expect(page.getByRole('heading', { name: 'Enter your authenticator code' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Enter your authenticator code' })).toBeVisible();
  await shot('18-mfa-after-reload');
  await page.getByLabel('Authentication code').fill(totp('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expectSignedIn(page, 'totp@example.com');
  await page.reload();
  await expectSignedIn(page, 'totp@example.com');
});
