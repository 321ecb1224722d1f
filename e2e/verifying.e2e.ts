import { codeFor, expect, requestEmailCode, test } from './support.ts';

/*
 * In both modes: in server mode the view shows the chart's verifying step while the server's
 * answer is awaited (`pendingStep`), so the page behaves as when the chart runs in the browser.
 */

const wrongCodeFor = (code: string) => (code === '000000' ? '111111' : '000000');

test('while "Verifying…" runs, focus moves to the code field and the change is announced', async ({
  page,
  request,
}) => {
  await requestEmailCode(page, 'alice@example.com');
  const wrong = wrongCodeFor(await codeFor(request, 'alice@example.com'));
  // The answer to this code waits until the test has looked at the page meanwhile: the browser's
  // token request, or in server mode the browser's event to the server.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    (url) => url.pathname === '/oauth/token' || url.pathname.endsWith('/passwordless/events'),
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
