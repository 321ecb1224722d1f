import { copy } from '../apps/demo-shared/src/copy.ts';
import {
  codeFor,
  confirmMagicLink,
  expect,
  expectSignedIn,
  message,
  outbox,
  passFirstFactor,
  requestEmailCode,
  test,
} from './support.ts';

/*
 * What a person lives through beyond the straight path: a second tab, a reload mid-flow, changing
 * their mind about the address, typing the code digit by digit. The texts come from the demos' own
 * copy module, so a reworded message changes one place.
 */

const browserOnly = () =>
  test.skip(
    test.info().project.name.endsWith('-server'),
    // Server mode keeps the flow (and a link's transaction) on the server, not in this browser's
    // storage, and its clock is the server's: these notices and page.clock do not apply there.
    'browser-mode persistence only',
  );

test('a magic link opened in a second tab signs in there, and the asking tab says so', async ({
  page,
  context,
  request,
  shot,
}) => {
  browserOnly();
  await page.goto('/');
  await page.getByRole('radio', { name: 'A magic link' }).check();
  await page.getByLabel('Email address').fill('alice@example.com');
  await page.getByRole('button', { name: 'Send magic link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  const { link } = await message(request, 'alice@example.com');
  const other = await context.newPage();
  await other.goto(link ?? '');
  await confirmMagicLink(other);
  await expectSignedIn(other, 'alice@example.com');
  await expect(page.getByRole('status').filter({ hasText: copy.notice.link_opened_elsewhere })).toBeVisible();
  await expect(page.getByLabel('Email address')).toHaveValue('alice@example.com');
  await shot('30-link-opened-elsewhere');
  await other.close();
});

test('a reload during MFA says the sign-in was interrupted, with the address prefilled', async ({
  page,
  request,
}) => {
  browserOnly();
  await passFirstFactor(page, request, 'totp@example.com');
  await expect(page.getByRole('heading', { name: 'Enter your authenticator code' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: copy.notice.flow_interrupted })).toBeVisible();
  await expect(page.getByLabel('Email address')).toHaveValue('totp@example.com');
});

test('a resent code says only the newest one works', async ({ page, request, shot }) => {
  browserOnly();
  await page.clock.install();
  await requestEmailCode(page, 'alice@example.com');
  await expect(page.getByText(copy.code.resent)).toHaveCount(0);
  await page.clock.fastForward('00:31');
  await page.getByRole('button', { name: 'Resend code' }).click();
  await codeFor(request, 'alice@example.com', 2);
  await expect(page.getByText(copy.code.resent)).toBeVisible();
  await shot('31-code-resent');
});

test('a different email, then the same address within the cooldown, returns to the same code', async ({
  page,
  request,
}) => {
  await requestEmailCode(page, 'alice@example.com');
  const code = await codeFor(request, 'alice@example.com');
  await page.getByRole('button', { name: 'Use a different email' }).click();
  await page.getByLabel('Email address').fill('alice@example.com');
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  expect(await outbox(request, 'alice@example.com')).toHaveLength(1);
  await page.getByLabel('One-time code').fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expectSignedIn(page, 'alice@example.com');
});

test('typing the last digit signs in with exactly one request, even with Enter after it', async ({
  page,
  request,
}) => {
  await requestEmailCode(page, 'alice@example.com');
  const code = await codeFor(request, 'alice@example.com');
  // Browser mode posts the code to /oauth/token, server mode to its own /auth route: either way
  // the code is in exactly one request body.
  let sent = 0;
  page.on('request', (sent_) => {
    if (sent_.method() === 'POST' && (sent_.postData() ?? '').includes(code)) sent += 1;
  });
  await page.getByLabel('One-time code').pressSequentially(code);
  await expect.poll(() => sent).toBe(1);
  await page.keyboard.press('Enter');
  await expectSignedIn(page, 'alice@example.com');
  expect(sent).toBe(1);
});
