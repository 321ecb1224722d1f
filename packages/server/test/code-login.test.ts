import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from './browser.ts';
import { latestMessage } from './outbox.ts';
import { parseSecrets, unseal } from '../src/seal.ts';
import { CLIENT_SECRET, SERVER_SECRET, startStack, type Stack } from './stack.ts';

let stack: Stack;
beforeAll(async () => void (stack = await startStack()));
afterAll(() => stack.close());

const latestCode = async (to: string) => (await latestMessage(stack.emulator.url, to)).code ?? '';

describe('a regular web app signs in through the server', () => {
  it('by e-mail code: the browser sees views and cookies, never a code, token or secret', async () => {
    const browser = new TestBrowser(stack.origin);
    expect((await browser.flow()).body).toMatchObject({ version: 0, view: { step: 'identify' } });

    const sent = await browser.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com' });
    expect(sent.status).toBe(200);
    expect(sent.body.view).toMatchObject({ step: 'code', session: null });
    expect(sent.body.view?.deadlines.codeExpiresAt).toBeGreaterThan(sent.body.view?.serverNow ?? Infinity);
    expect(browser.jar.has('pwl-flow')).toBe(true);

    const code = await latestCode('alice@example.com');
    const signedIn = await browser.send({ type: 'SUBMIT_CODE', otp: code });
    expect(signedIn.body.view).toMatchObject({ step: 'authenticated', user: { email: 'alice@example.com' } });
    // The server keeps the tokens and refreshes nothing on the browser's say: only logout is offered.
    expect(signedIn.body.view?.can).toMatchObject({ logout: true, refresh: false, submitCode: false });
    expect(browser.jar.has('pwl-flow')).toBe(false);
    expect(browser.jar.has('pwl-session')).toBe(true);
    expect((await browser.flow()).body.view).toMatchObject({ step: 'authenticated', can: { logout: true } });

    // The secret went to Auth0 on the start and the token call, with the end user's IP.
    const start = stack.calls.find((call) => call.url.endsWith('/passwordless/start'));
    const token = stack.calls.find((call) => call.url.endsWith('/oauth/token'));
    expect(JSON.parse(start?.body ?? '{}')).toMatchObject({
      client_id: 'pwl-web',
      client_secret: CLIENT_SECRET,
    });
    expect(JSON.parse(token?.body ?? '{}')).toMatchObject({ client_secret: CLIENT_SECRET });
    expect(start?.headers.get('auth0-forwarded-for')).toBe('127.0.0.1');

    const { tokens } = stack.signIns.at(-1) ?? { tokens: undefined };
    expect(tokens?.refreshToken).toBeTruthy();
    const everything = browser.received.join('\n');
    for (const secret of [code, CLIENT_SECRET, tokens?.accessToken, tokens?.idToken, tokens?.refreshToken]) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).not.toMatch(/access_token|refresh_token|id_token|mfa_token|accessToken|refreshToken/);

    const out = await browser.logout();
    expect(out.body.view).toMatchObject({ step: 'identify', logoutIncomplete: false });
    expect(browser.jar.size).toBe(0);
    expect(stack.calls.some((call) => call.url.endsWith('/oauth/revoke'))).toBe(true);
  });

  it('by SMS code', async () => {
    const browser = new TestBrowser(stack.origin);
    await browser.send({ type: 'SUBMIT_IDENTIFIER', identifier: '+15555550123', connection: 'sms' });
    const signedIn = await browser.send({ type: 'SUBMIT_CODE', otp: await latestCode('+15555550123') });
    expect(signedIn.body.view).toMatchObject({ step: 'authenticated' });
  });

  it('a wrong code stays on the code step with attempts left', async () => {
    const browser = new TestBrowser(stack.origin);
    await browser.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'wrong@example.com' });
    const code = await latestCode('wrong@example.com');
    const wrong = await browser.send({ type: 'SUBMIT_CODE', otp: code === '000000' ? '111111' : '000000' });
    expect(wrong.body.view).toMatchObject({ step: 'code', attemptsLeft: 2, error: { code: 'invalid_code' } });
  });

  it('once signed in, an event from a tab that is behind gets the session, not a new sign-in', async () => {
    const browser = new TestBrowser(stack.origin);
    await browser.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'tabs@example.com' });
    await browser.send({ type: 'SUBMIT_CODE', otp: await latestCode('tabs@example.com') });
    const starts = stack.calls.filter((call) => call.url.endsWith('/passwordless/start')).length;
    const behind = await browser.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'tabs@example.com' });
    expect(behind.body.view).toMatchObject({ step: 'authenticated', user: { email: 'tabs@example.com' } });
    expect(stack.calls.filter((call) => call.url.endsWith('/passwordless/start')).length).toBe(starts);
  });
});

describe('the built-in session cookie', () => {
  let withApi: Stack;
  beforeAll(
    async () => void (withApi = await startStack({ flow: { audience: 'https://api.example.test' } })),
  );
  afterAll(() => withApi.close());

  it('fits in what a browser keeps, even with a JWT access token for an API', async () => {
    const browser = new TestBrowser(withApi.origin);
    await browser.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'api@example.com' });
    const code = (await latestMessage(withApi.emulator.url, 'api@example.com')).code ?? '';
    await browser.send({ type: 'SUBMIT_CODE', otp: code });
    const cookie = browser.received.find((received) => received.startsWith('pwl-session='));
    expect(withApi.signIns.at(-1)?.tokens.accessToken.split('.')).toHaveLength(3);
    expect(cookie?.length).toBeLessThan(4096);
    // Sealed, it holds the claims and the tokens the server needs, not the already validated ID token.
    const sealed = (cookie ?? '').split(';')[0]?.slice('pwl-session='.length) ?? '';
    const opened = (await unseal(parseSecrets(SERVER_SECRET), 'session-cookie', sealed)) as {
      tokens: Record<string, unknown>;
      claims: { email?: string };
    };
    expect(opened.claims.email).toBe('api@example.com');
    expect(opened.tokens.refreshToken).toBeTruthy();
    expect(opened.tokens).not.toHaveProperty('idToken');
  });
});
