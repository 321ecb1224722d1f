import type { Page } from '@playwright/test';
import { inspectorPanel as panel, watchLeaks } from './leak-watch.ts';
import {
  EMULATOR,
  expect,
  expectAccessible,
  expectSignedIn,
  message,
  passFirstFactor,
  test,
  totp,
} from './support.ts';

const chart = (page: Page) => panel(page).getByRole('figure', { name: 'Statechart' }).locator('svg');
const stateBox = (page: Page, id: string) => chart(page).locator(`g[id*="-state-${id}-"]`);
const svgSize = (page: Page) =>
  chart(page).evaluate((svg) => ({
    width: svg.getBoundingClientRect().width,
    height: svg.getBoundingClientRect().height,
  }));

test('the inspector draws the chart live, with the MFA challenge highlighted', async ({
  page,
  request,
  shot,
}) => {
  await passFirstFactor(page, request, 'totp@example.com', '/?panel=inspector');
  await expect(page.getByRole('heading', { name: 'Enter your authenticator code' })).toBeVisible();
  const inspector = panel(page);
  await expect(inspector.getByText('Active: challenge.otp')).toBeVisible();
  // `active` on the active leaf and `activeParent` on its parent.
  await expect(inspector.locator('svg g.active')).toHaveAttribute('id', /-state-challenge__otp-/);
  await expect(inspector.locator('svg g.activeParent')).toHaveAttribute('id', /-state-challenge-/);
  await expect(inspector.getByRole('list', { name: 'Events' })).toContainText('SUBMIT_CODE');
  await expectAccessible(page, 'the inspector panel');
  await panel(page).locator('.inspector-chart').scrollIntoViewIfNeeded();
  await shot('19-inspector-mfa-challenge');
  await page.getByRole('button', { name: 'Hide statechart' }).click();
  await expect(inspector).toBeHidden();
});

test('the chart is drawn once: a state change moves the highlight, not the drawing', async ({ page }) => {
  await page.goto('/?panel=inspector');
  await expect(stateBox(page, 'identify__editing')).toHaveClass(/\bactive\b/);
  await chart(page).evaluate((svg) => svg.setAttribute('data-first-drawing', ''));
  await page.getByLabel('Email address').fill('alice@example.com');
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await expect(stateBox(page, 'sent__code__valid')).toHaveClass(/\bactive\b/);
  await expect(stateBox(page, 'sent')).toHaveClass(/\bactiveParent\b/);
  await expect(stateBox(page, 'identify__editing')).not.toHaveClass(/\bactive\b/);
  await expect(panel(page).locator('svg g.active')).toHaveCount(2);
  await expect(chart(page)).toHaveAttribute('data-first-drawing', '');
});

test('zoom in and out, fit to view, and a focused view of the active state', async ({ page, shot }) => {
  await page.goto('/?panel=inspector');
  await expect(stateBox(page, 'identify__editing')).toHaveClass(/\bactive\b/);
  const zoom = panel(page).getByLabel('Zoom level');
  await expect(zoom).toHaveText('100%');
  const natural = await svgSize(page);
  await panel(page).getByRole('button', { name: 'Zoom in' }).click();
  await expect(zoom).toHaveText('125%');
  expect((await svgSize(page)).width).toBeCloseTo(natural.width * 1.25, 0);
  await panel(page).locator('.inspector-chart').scrollIntoViewIfNeeded();
  await shot('20-inspector-zoomed');
  await panel(page).getByRole('button', { name: 'Zoom out' }).click();
  await panel(page).getByRole('button', { name: 'Zoom out' }).click();
  await expect(zoom).toHaveText('80%');

  await panel(page).getByRole('button', { name: 'Fit to view' }).click();
  const box = await panel(page).locator('.inspector-drawing').boundingBox();
  const fitted = await svgSize(page);
  expect(fitted.width).toBeLessThanOrEqual((box?.width ?? 0) + 1);
  expect(fitted.height).toBeLessThanOrEqual((box?.height ?? 0) + 1);
  await panel(page).locator('.inspector-chart').scrollIntoViewIfNeeded();
  await shot('21-inspector-fit');

  const focus = panel(page).getByRole('button', { name: 'Focused view' });
  await focus.click();
  await expect(focus).toHaveAttribute('aria-pressed', 'true');
  // Only `identify` is expanded; `sent` and `challenge` are single boxes.
  await expect(stateBox(page, 'sent__code')).toHaveCount(0);
  await expect(stateBox(page, 'challenge')).toHaveCount(1);
  await expect(stateBox(page, 'identify__editing')).toHaveClass(/\bactive\b/);
  await panel(page).getByRole('button', { name: 'Fit to view' }).click();
  await panel(page).locator('.inspector-chart').scrollIntoViewIfNeeded();
  await shot('22-inspector-focused');
  await page.getByLabel('Email address').fill('alice@example.com');
  await page.getByRole('button', { name: 'Send code' }).click();
  // The top-level state changed: `sent` is expanded now, `identify` a box.
  await expect(stateBox(page, 'sent__code__valid')).toHaveClass(/\bactive\b/);
  await expect(stateBox(page, 'identify__editing')).toHaveCount(0);
  await expectAccessible(page, 'the focused chart');
});

/*
 * The guarantee, one flow per test: no code, token, mfa_token, oob_code or recovery code reaches
 * the inspector panel, the console or browser storage. Secrets are gathered from the wire and the
 * outbox; the places they must not be are sampled after every step.
 */

test('no secret leaks: e-mail code, a refresh, logout', async ({ page, request }) => {
  const leaks = watchLeaks(page, request);
  await passFirstFactor(page, request, 'alice@example.com', '/?panel=inspector');
  await leaks.rememberCodes('alice@example.com');
  await expectSignedIn(page, 'alice@example.com');
  await page.getByRole('button', { name: 'Refresh session' }).click();
  await expect(panel(page).getByRole('list', { name: 'Events' })).toContainText('refreshSession');
  await leaks.logOut();
  leaks.expectNoLeaks(5);
});

test('no secret leaks: magic link', async ({ page, request }) => {
  const leaks = watchLeaks(page, request);
  await page.goto('/?panel=inspector');
  await page.getByRole('radio', { name: 'A magic link' }).check();
  await page.getByLabel('Email address').fill('alice@example.com');
  await page.getByRole('button', { name: 'Send magic link' }).click();
  const { link } = await message(request, 'alice@example.com');
  leaks.secrets.add(new URL(link ?? '').searchParams.get('verification_code') ?? '');
  await leaks.sample();
  await page
    .getByRole('complementary', { name: 'Dev outbox' })
    .getByRole('link', { name: 'Open magic link' })
    .first()
    .click();
  await expectSignedIn(page, 'alice@example.com');
  // The callback route drops the URL flags: open the panel again by hand.
  await page.getByRole('button', { name: 'Show statechart' }).click();
  await leaks.logOut();
  leaks.expectNoLeaks(4);
});

test('no secret leaks: authenticator app', async ({ page, request }) => {
  const leaks = watchLeaks(page, request);
  await passFirstFactor(page, request, 'totp@example.com', '/?panel=inspector');
  await leaks.rememberCodes('totp@example.com');
  await leaks.sample();
  const otp = totp('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
  leaks.secrets.add(otp);
  await page.getByLabel('Authentication code').fill(otp);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expectSignedIn(page, 'totp@example.com');
  await leaks.logOut();
  leaks.expectNoLeaks(5);
});

test('no secret leaks: SMS binding code', async ({ page, request }) => {
  const leaks = watchLeaks(page, request);
  await passFirstFactor(page, request, 'sms-mfa@example.com', '/?panel=inspector');
  await leaks.rememberCodes('sms-mfa@example.com');
  await page.getByLabel('Authentication code').fill(await leaks.code('+15555550101'));
  await leaks.sample();
  await page.getByRole('button', { name: 'Verify' }).click();
  await expectSignedIn(page, 'sms-mfa@example.com');
  await leaks.logOut();
  leaks.expectNoLeaks(5);
});

test('no secret leaks: push, approved', async ({ page, request }) => {
  const leaks = watchLeaks(page, request);
  await passFirstFactor(page, request, 'push@example.com', '/?panel=inspector');
  await leaks.rememberCodes('push@example.com');
  await expect(page.getByRole('heading', { name: 'Approve on your phone' })).toBeVisible();
  await leaks.sample();
  const push = await message(request, 'push@example.com', 2);
  await request.post(`${EMULATOR}/__dev/push/${push.id}/approve`);
  await expectSignedIn(page, 'push@example.com');
  await leaks.logOut();
  leaks.expectNoLeaks(5);
});

test('no secret leaks: recovery code (the replacement shows on the page, never in the panel)', async ({
  page,
  request,
}) => {
  const leaks = watchLeaks(page, request);
  await passFirstFactor(page, request, 'recovery@example.com', '/?panel=inspector');
  await leaks.rememberCodes('recovery@example.com');
  await page.getByRole('button', { name: 'Use a recovery code' }).click();
  leaks.secrets.add('RECOVERYUSERCODE00000001');
  await page.getByLabel('Recovery code').fill('RECOVERYUSERCODE00000001');
  await leaks.sample();
  await page.getByRole('button', { name: 'Verify' }).click();
  await expectSignedIn(page, 'recovery@example.com');
  await leaks.logOut();
  leaks.expectNoLeaks(5);
});

test('no secret leaks: enrolment of an authenticator app', async ({ page, request }) => {
  const leaks = watchLeaks(page, request);
  await passFirstFactor(page, request, 'enroll@example.com', '/?panel=inspector');
  await leaks.rememberCodes('enroll@example.com');
  await page.getByRole('button', { name: 'Continue' }).click();
  const secret = (await page.getByLabel("Can't scan? Enter this key").innerText()).replace(/\s/g, '');
  leaks.secrets.add(secret);
  const first = totp(secret);
  leaks.secrets.add(first);
  await page.getByLabel('Authentication code').fill(first);
  await leaks.sample();
  await page.getByRole('button', { name: 'Verify' }).click();
  await expectSignedIn(page, 'enroll@example.com');
  await leaks.logOut();
  leaks.expectNoLeaks(6);
});
