import type { Browser, BrowserContext, Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startAppServer } from './support/browser.ts';
import { startTlsEmulator, type TlsEmulator } from './support/tls-emulator.ts';

/*
 * auth0.js is a browser SDK: its embedded passwordless login posts from the page (CORS with
 * credentials) and then navigates the window to /authorize or the link, so it runs here in real
 * Chromium, on a page of its own origin, against the emulator behind TLS (the browser context accepts
 * the test's self-signed certificate). The page calls auth0.js; the test only reads the outbox.
 */

interface WebAuthOptions {
  domain: string;
  clientID: string;
  responseType: string;
  redirectUri: string;
  scope: string;
}
interface ParsedHash {
  accessToken: string;
  idTokenPayload: Record<string, unknown>;
  state: string;
}
interface Auth0Global {
  WebAuth: new (options: WebAuthOptions) => {
    passwordlessStart(options: Record<string, string>, callback: (error: unknown) => void): void;
    passwordlessLogin(options: Record<string, string>, callback: (error: unknown) => void): void;
    passwordlessVerify(options: Record<string, string>, callback: (error: unknown) => void): void;
    parseHash(options: object, callback: (error: unknown, result: ParsedHash | null) => void): void;
    client: {
      userInfo(token: string, callback: (error: unknown, user: Record<string, unknown>) => void): void;
    };
  };
}
declare const auth0: Auth0Global;

let tls: TlsEmulator;
let app: Awaited<ReturnType<typeof startAppServer>>;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  [tls, app, browser] = await Promise.all([startTlsEmulator(), startAppServer(), launchChromium()]);
  context = await browser.newContext({ ignoreHTTPSErrors: true });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await Promise.all([tls?.close(), app?.close()]);
});

const options = (): WebAuthOptions => ({
  domain: tls.domain,
  clientID: 'pwl-spa',
  responseType: 'token id_token',
  redirectUri: `${app.origin}/callback`,
  scope: 'openid profile email',
});

/** Runs one auth0.js call with a node-style callback in the page; rejects with its error. */
async function call(page: Page, method: 'passwordlessStart', args: Record<string, string>): Promise<void> {
  const failure = await page.evaluate(
    ([webAuthOptions, name, callArgs]) =>
      new Promise<string | null>((resolve) =>
        new auth0.WebAuth(webAuthOptions)[name](callArgs, (error) =>
          resolve(error ? JSON.stringify(error) : null),
        ),
      ),
    [options(), method, args] as const,
  );
  if (failure) throw new Error(failure);
}

/** Starts a method that navigates away; resolves on the callback page, rejects if auth0.js reports an error. */
async function navigateWith(
  page: Page,
  method: 'passwordlessLogin' | 'passwordlessVerify',
  args: Record<string, string>,
) {
  const reported = page.evaluate(
    ([webAuthOptions, name, callArgs]) =>
      new Promise<string>((resolve) =>
        new auth0.WebAuth(webAuthOptions)[name](callArgs, (error) => resolve(JSON.stringify(error))),
      ),
    [options(), method, args] as const,
  );
  const error = await Promise.race([
    page.waitForURL(/\/callback#/, { timeout: 30_000 }).then(() => undefined),
    reported.catch(() => new Promise<never>(() => {})), // the navigation destroys the page's context
  ]);
  if (error !== undefined) throw new Error(`${method} failed: ${error}`);
}

/** auth0.js parseHash: checks state, nonce, the ID token's signature (JWKS over CORS) and at_hash. */
const parseHash = (page: Page) =>
  page.evaluate(
    (webAuthOptions) =>
      new Promise<ParsedHash>((resolve, reject) =>
        new auth0.WebAuth(webAuthOptions).parseHash({}, (error, result) =>
          error || !result ? reject(new Error(JSON.stringify(error))) : resolve(result),
        ),
      ),
    options(),
  );

const userInfo = (page: Page, accessToken: string) =>
  page.evaluate(
    ([webAuthOptions, token]) =>
      new Promise<Record<string, unknown>>((resolve, reject) =>
        new auth0.WebAuth(webAuthOptions).client.userInfo(token, (error, user) =>
          error ? reject(new Error(JSON.stringify(error))) : resolve(user),
        ),
      ),
    [options(), accessToken] as const,
  );

const latestCode = (to: string) => {
  const code = tls.emulator.latestCode(to);
  if (!code) throw new Error(`no code for ${to}`);
  return code;
};

describe('auth0.js (embedded login in a browser) against the emulator', () => {
  it('passwordlessStart, then passwordlessLogin through /co/authenticate and /authorize?login_ticket', async () => {
    const page = await context.newPage();
    await page.goto(`${app.origin}/`);
    await call(page, 'passwordlessStart', { connection: 'email', send: 'code', email: 'alice@example.com' });
    await navigateWith(page, 'passwordlessLogin', {
      connection: 'email',
      email: 'alice@example.com',
      verificationCode: latestCode('alice@example.com'),
    });
    const result = await parseHash(page);
    expect(result.idTokenPayload).toMatchObject({
      iss: `${tls.origin}/`,
      aud: 'pwl-spa',
      email: 'alice@example.com',
      at_hash: expect.any(String),
    });
    expect(await userInfo(page, result.accessToken)).toMatchObject({ email: 'alice@example.com' });
    await page.close();
  }, 60_000);

  it('passwordlessVerify, then the link it navigates to', async () => {
    const page = await context.newPage();
    await page.goto(`${app.origin}/`);
    await call(page, 'passwordlessStart', { connection: 'sms', send: 'code', phoneNumber: '+15555550100' });
    await navigateWith(page, 'passwordlessVerify', {
      connection: 'sms',
      phoneNumber: '+15555550100',
      verificationCode: latestCode('+15555550100'),
    });
    const result = await parseHash(page);
    expect(result.idTokenPayload).toMatchObject({ sub: 'sms|ded0096365243447efb80f4e' });
    await page.close();
  }, 60_000);

  it('reports a wrong code from /co/authenticate as auth0.js errors', async () => {
    const page = await context.newPage();
    await page.goto(`${app.origin}/`);
    await call(page, 'passwordlessStart', { connection: 'email', send: 'code', email: 'alice@example.com' });
    await expect(
      navigateWith(page, 'passwordlessLogin', {
        connection: 'email',
        email: 'alice@example.com',
        verificationCode: '000000',
      }),
    ).rejects.toThrow(/access_denied.*Wrong email or verification code\./);
    await page.close();
  }, 60_000);
});
