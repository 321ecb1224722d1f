import { codeFor, expect, requestEmailCode, test } from './support.ts';

/*
 * Browser mode only: in server mode the view stays on the code step while the server verifies
 * (the request is in flight, `busy` is true), so Verify is never disabled and keeps its focus.
 */

const wrongCodeFor = (code: string) => (code === '000000' ? '111111' : '000000');

test('while "Verifying…" runs, focus moves to the code field and the change is announced', async ({
  page,
  request,
}) => {
  await requestEmailCode(page, 'alice@example.com');
  const wrong = wrongCodeFor(await codeFor(request, 'alice@example.com'));
  // The answer to this code waits until the test has looked at the page meanwhile.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    (url) => url.pathname === '/oauth/token',
    async (route) => {
      if (route.request().postData()?.includes(wrong)) await held;
      await route.fallback();
    },
  );
  await page.getByLabel('One-time code').fill(wrong);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('button', { name: 'Verifying…' })).toBeDisabled();
  await expect(page.getByLabel('One-time code')).toBeFocused();
  await expect(page.locator('[aria-live=polite]')).toHaveText('Verifying your code…');
  release();
  await expect(page.getByText('2 attempts left')).toBeVisible();
  await expect(page.getByLabel('One-time code')).toBeFocused();
});
