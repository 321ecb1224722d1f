import { codeFor, enterCode, expect, expectSignedIn, outbox, requestEmailCode, test } from './support.ts';

test('e-mail code: sign in, see the ID token claims, log out', async ({ page, request, shot }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in to Acme Cloud' })).toBeVisible();
  await shot('01-identify');
  await requestEmailCode(page, 'alice@example.com');
  await shot('02-code');
  await enterCode(page, await codeFor(request, 'alice@example.com'));
  await expectSignedIn(page, 'alice@example.com');
  await expect(page.getByRole('row', { name: /email alice@example.com/ })).toBeVisible();
  await shot('03-signed-in');
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Acme Cloud' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in to Acme Cloud' })).toBeVisible();
});

test('SMS code', async ({ page, request, shot }) => {
  await page.goto('/');
  await page.getByRole('radio', { name: 'SMS' }).check();
  await page.getByLabel('Phone number').fill('+15555550100');
  await shot('04-identify-sms');
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByRole('heading', { name: 'Check your phone' })).toBeVisible();
  await enterCode(page, await codeFor(request, '+15555550100'));
  await expectSignedIn(page, '+15555550100');
});

test('a wrong code, then the right one', async ({ page, request, shot }) => {
  await requestEmailCode(page, 'alice@example.com');
  const code = await codeFor(request, 'alice@example.com');
  await enterCode(page, code === '000000' ? '111111' : '000000');
  await expect(page.getByRole('alert')).toContainText('not correct');
  await expect(page.getByText('2 attempts left')).toBeVisible();
  await shot('05-wrong-code');
  await enterCode(page, code);
  await expectSignedIn(page, 'alice@example.com');
});

test('an invalid e-mail address is refused before anything is sent', async ({ page, request }) => {
  await page.goto('/');
  await page.getByLabel('Email address').fill('not-an-address');
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByRole('alert')).toContainText('valid email');
  expect(await outbox(request, 'not-an-address')).toHaveLength(0);
});

test('keyboard only: autofocus, Enter to submit, focus moves to the code field', async ({
  page,
  request,
}) => {
  await page.goto('/');
  await expect(page.getByLabel('Email address')).toBeFocused();
  // Enter submits once the flow takes it (in server mode, once the server's view has arrived).
  await expect(page.getByRole('button', { name: 'Send code' })).toBeEnabled();
  await page.keyboard.type('alice@example.com');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('One-time code')).toBeFocused();
  await page.keyboard.type(await codeFor(request, 'alice@example.com'));
  await page.keyboard.press('Enter');
  await expectSignedIn(page, 'alice@example.com');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Log out' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Email address')).toBeFocused();
});

test('pasting the whole code verifies it at once', async ({ page, request }) => {
  await requestEmailCode(page, 'alice@example.com');
  const code = await codeFor(request, 'alice@example.com');
  await page.getByLabel('One-time code').evaluate(
    (input, text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      input.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    },
    `${code.slice(0, 3)} ${code.slice(3)}`,
  );
  await expectSignedIn(page, 'alice@example.com');
});
