import { confirmMagicLink, expect, expectSignedIn, message, test } from './support.ts';

test('magic link opened from the dev outbox signs in on the callback route', async ({
  page,
  request,
  shot,
}) => {
  await page.goto('/');
  await page.getByRole('radio', { name: 'A magic link' }).check();
  await page.getByLabel('Email address').fill('alice@example.com');
  await page.getByRole('button', { name: 'Send magic link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await message(request, 'alice@example.com');
  const outbox = page.getByRole('complementary', { name: 'Dev outbox' });
  const link = outbox.getByRole('link', { name: 'Open magic link' });
  await expect(link).toBeVisible();
  await shot('08-link-sent');
  await link.click();
  await confirmMagicLink(page);
  await expectSignedIn(page, 'alice@example.com');
  // The single-use code is gone from the address bar.
  expect(new URL(page.url()).pathname).toBe('/');
  expect(page.url()).not.toContain('code=');
});

test('a magic link from another browser is refused', async ({ page, request, browser }) => {
  await page.goto('/');
  await page.getByRole('radio', { name: 'A magic link' }).check();
  await page.getByLabel('Email address').fill('alice@example.com');
  await page.getByRole('button', { name: 'Send magic link' }).click();
  const { link } = await message(request, 'alice@example.com');
  const other = await browser.newPage();
  await other.goto(link ?? '');
  await confirmMagicLink(other);
  await expect(other.getByRole('alert')).toContainText(/another browser|does not belong/);
  await other.close();
});
