import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { createAuth0Client } from '../../src/api/client.ts';
import { createPasswordlessActors } from '../../src/machine/actors.ts';
import { passwordlessMachine } from '../../src/machine/machine.ts';
import { createMemoryStorage } from '../../src/machine/persistence.ts';
import { getPasswordlessView, type PasswordlessSnapshot } from '../../src/machine/view.ts';
import { emulatorUrl, latest } from './helpers.ts';

const redirectUri = 'http://localhost:5173/callback';

/** Two tabs of one browser: their own charts, one shared `localStorage`. */
function browserWithTabs() {
  const localStorage = createMemoryStorage();
  // The browser's `window` delivers `storage` events from other tabs; Node has none, so the test
  // stands in for it and dispatches the event a browser would.
  const window = new EventTarget();
  vi.stubGlobal('window', window);
  const client = createAuth0Client({ clientId: 'pwl-native', baseUrl: emulatorUrl() });
  const machine = passwordlessMachine.provide({
    actors: createPasswordlessActors(
      () => client,
      Date.now,
      () => localStorage,
    ),
  });
  const openTab = () =>
    createActor(machine, { input: { clientId: 'pwl-native', baseUrl: emulatorUrl(), redirectUri } }).start();
  const storageEvent = (key: string) => window.dispatchEvent(Object.assign(new Event('storage'), { key }));
  return { localStorage, openTab, storageEvent };
}

const stepOf = (snapshot: PasswordlessSnapshot) => getPasswordlessView(snapshot).step;

async function callbackUrlFor(email: string) {
  const followed = await fetch((await latest(email)).link ?? '', { redirect: 'manual' });
  return followed.headers.get('location') ?? '';
}

afterEach(() => vi.unstubAllGlobals());

describe('a magic link opened in another tab of the same browser', () => {
  it('signs in in the tab that opens it, and the asking tab learns that it was used', async () => {
    const email = `tabs-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const { localStorage, openTab, storageEvent } = browserWithTabs();
    const asking = openTab();
    asking.send({ type: 'SUBMIT_IDENTIFIER', identifier: email, send: 'link' });
    await waitFor(asking, (snapshot) => stepOf(snapshot) === 'link_sent', { timeout: 5000 });
    const state = asking.getSnapshot().context.magicLink?.state ?? '';
    const key = `passwordless-xstate:link:${state}`;
    expect(JSON.parse(localStorage.getItem(key) ?? '{}')).toMatchObject({ state, identifier: email });

    const opened = openTab();
    opened.send({ type: 'MAGIC_LINK_CALLBACK', callbackUrl: await callbackUrlFor(email) });
    const signedIn = await waitFor(opened, (snapshot) => stepOf(snapshot) === 'authenticated', {
      timeout: 5000,
    });
    expect(getPasswordlessView(signedIn).claims?.email).toBe(email);
    expect(signedIn.context.session?.claims?.nonce).toBe(asking.getSnapshot().context.magicLink?.nonce);
    expect(JSON.parse(localStorage.getItem(key) ?? '{}').usedAt).toEqual(expect.any(Number));

    storageEvent(key);
    const told = asking.getSnapshot();
    expect(getPasswordlessView(told)).toMatchObject({ step: 'identify', notice: 'link_opened_elsewhere' });
    asking.stop();
    opened.stop();
  });

  it('is not offered twice, and a link from another browser says where to open it', async () => {
    const email = `twice-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const { openTab } = browserWithTabs();
    const asking = openTab();
    asking.send({ type: 'SUBMIT_IDENTIFIER', identifier: email, send: 'link' });
    await waitFor(asking, (snapshot) => stepOf(snapshot) === 'link_sent', { timeout: 5000 });
    const callbackUrl = await callbackUrlFor(email);
    const first = openTab();
    first.send({ type: 'MAGIC_LINK_CALLBACK', callbackUrl });
    await waitFor(first, (snapshot) => stepOf(snapshot) === 'authenticated', { timeout: 5000 });

    const second = openTab();
    second.send({ type: 'MAGIC_LINK_CALLBACK', callbackUrl });
    const refused = await waitFor(second, (snapshot) => snapshot.context.error !== null, { timeout: 5000 });
    expect(getPasswordlessView(refused)).toMatchObject({
      step: 'identify',
      error: { code: 'state_mismatch' },
    });

    const otherBrowser = browserWithTabs().openTab();
    otherBrowser.send({ type: 'MAGIC_LINK_CALLBACK', callbackUrl });
    const elsewhere = await waitFor(otherBrowser, (snapshot) => snapshot.context.error !== null, {
      timeout: 5000,
    });
    expect(elsewhere.context.error?.message).toMatch(/Open it where you asked for it/);
    for (const tab of [asking, first, second, otherBrowser]) tab.stop();
  });
});
