import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from './browser.ts';
import { latestMessage } from './outbox.ts';
import { CLIENT_SECRET, startStack, type Stack } from './stack.ts';

// Auth0 unreachable for revocation only, while the test says so: the edge this server does not own.
let revocationDown = false;
/** The bodies of the revocations that reached Auth0 (the emulator). */
const revocations: string[] = [];
let stack: Stack;
beforeAll(
  async () =>
    void (stack = await startStack({
      fetch: async (input, init) => {
        const request = new Request(input, init);
        if (request.url.endsWith('/oauth/revoke')) {
          if (revocationDown) throw new TypeError('fetch failed');
          revocations.push(await request.clone().text());
        }
        return globalThis.fetch(request);
      },
    })),
);
afterAll(() => stack.close());

async function signedIn(email: string) {
  const browser = new TestBrowser(stack.origin);
  await browser.send({ type: 'SUBMIT_IDENTIFIER', identifier: email });
  const code = (await latestMessage(stack.emulator.url, email)).code ?? '';
  const answer = await browser.send({ type: 'SUBMIT_CODE', otp: code });
  expect(answer.body.view).toMatchObject({ step: 'authenticated' });
  return browser;
}

const refreshWorks = async (refreshToken: string) =>
  (
    await fetch(`${stack.emulator.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'refresh_token',
        client_id: 'pwl-web',
        client_secret: CLIENT_SECRET,
        refresh_token: refreshToken,
      }),
    })
  ).status === 200;

describe('a sign-out whose refresh token Auth0 could not revoke', () => {
  it('is reported, kept sealed in the browser, and revoked on the next visit once Auth0 answers', async () => {
    const browser = await signedIn('revoke-later@example.com');
    const refreshToken = stack.signIns.at(-1)?.tokens.refreshToken ?? '';
    expect(refreshToken).not.toBe('');

    revocationDown = true;
    const out = await browser.logout();
    expect(out.body.view).toMatchObject({ step: 'identify', logoutIncomplete: true });
    expect(browser.jar.has('pwl-session')).toBe(false);
    expect(browser.jar.get('pwl-revoke')).toBeTruthy();
    expect(browser.received.join('\n')).not.toContain(refreshToken);

    // Still down: the next visit says so again and keeps the token to revoke.
    expect((await browser.flow()).body.view).toMatchObject({ logoutIncomplete: true });
    expect(browser.jar.has('pwl-revoke')).toBe(true);

    expect(revocations.filter((body) => body.includes(refreshToken))).toHaveLength(0);

    revocationDown = false;
    expect((await browser.flow()).body.view).toMatchObject({ step: 'identify', logoutIncomplete: false });
    expect(browser.jar.has('pwl-revoke')).toBe(false);
    expect(revocations.filter((body) => body.includes(refreshToken))).toHaveLength(1);
    expect(await refreshWorks(refreshToken)).toBe(false);
  });

  it('a revoke cookie that does not open is dropped, and nothing is sent to Auth0', async () => {
    const browser = new TestBrowser(stack.origin);
    browser.jar.set('pwl-revoke', 'eyJhbGciOiJkaXIifQ.forged.value.here.x');
    const revocationsBefore = revocations.length;
    expect((await browser.flow()).body.view).toMatchObject({ logoutIncomplete: false });
    expect(browser.jar.has('pwl-revoke')).toBe(false);
    expect(revocations).toHaveLength(revocationsBefore);
  });
});
