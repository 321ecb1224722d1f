import {
  codeFor,
  enterCode,
  expect,
  expectAccessible,
  expectSignedIn,
  outbox,
  requestEmailCode,
  test,
} from './support.ts';

/*
 * The countdowns run on the page's clock (the chart's ticker reads Date.now() every second), so
 * Playwright's fake clock fast-forwards the app itself: real cooldown and lifetime, no demo-only
 * shortcuts. Moving the emulator's clock would not move the browser's.
 */
test('resend: disabled during the cooldown, then a new code that works', async ({ page, request, shot }) => {
  await page.clock.install();
  await requestEmailCode(page, 'alice@example.com');
  const resend = page.getByRole('button', { name: 'Resend code' });
  await expect(resend).toBeDisabled();
  await expect(page.getByText(/You can request a new code in 0:(29|30)/)).toBeVisible();
  await page.clock.fastForward('00:31');
  await expect(resend).toBeEnabled();
  await shot('06-resend-ready');
  await resend.click();
  await expect(page.getByRole('status')).toContainText('A new code is on its way');
  await expect(resend).toBeDisabled();
  // The button that had focus is disabled again: focus goes where the new code is typed.
  await expect(page.getByLabel('One-time code')).toBeFocused();
  const code = await codeFor(request, 'alice@example.com', 2);
  expect(await outbox(request, 'alice@example.com')).toHaveLength(2);
  await enterCode(page, code);
  await expectSignedIn(page, 'alice@example.com');
});

test('expiry: the code stops working after its lifetime and a new one can be asked for', async ({
  page,
  request,
  shot,
}) => {
  await page.clock.install();
  await requestEmailCode(page, 'alice@example.com');
  await expect(page.getByText(/Expires in (2:59|3:00)/)).toBeVisible();
  await expect(page.getByLabel('One-time code')).toBeFocused();
  await page.clock.fastForward('03:01');
  await expect(page.getByRole('alert')).toContainText('This code has expired');
  await expect(page.getByLabel('One-time code')).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Verify' })).toBeDisabled();
  // The field that had focus is disabled: focus moves on to the way out, not to <body>.
  await expect(page.getByRole('button', { name: 'Resend code' })).toBeFocused();
  await expectAccessible(page, 'code expired');
  await shot('07-code-expired');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('One-time code')).toBeEnabled();
  // Resend is disabled while it cools down; the new code's field takes focus back.
  await expect(page.getByLabel('One-time code')).toBeFocused();
  await enterCode(page, await codeFor(request, 'alice@example.com', 2));
  await expectSignedIn(page, 'alice@example.com');
});
