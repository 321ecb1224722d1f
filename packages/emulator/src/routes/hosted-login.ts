import { readRequestBody } from '../body.ts';
import { checkCode, wrongCodeDescription } from '../domain/codes.ts';
import { completeAuthorization, readAuthorizeRequest } from '../domain/authorize.ts';
import { rateLimited } from '../domain/rate-limit.ts';
import { auth0Error } from '../errors.ts';
import { htmlPage } from '../html-page.ts';
import { escapeHtml, respond } from '../respond.ts';
import type { RouteContext, Router } from '../router.ts';
import type { EmulatorState, HostedLogin } from '../state.ts';
import { sendCode } from './passwordless-start.ts';

/*
 * A minimal Universal Login stand-in for `/authorize` without a `login_ticket`: one page asks for an
 * e-mail address or phone number, the next for the code sent to it (read it in the dev outbox), then
 * the browser goes back to the app with a code or tokens. Paths and markup are the emulator's own.
 */

export function registerHostedLogin(router: Router): void {
  router.on('GET', '/u/login', ({ state, url }) => {
    const handle = url.searchParams.get('state') ?? '';
    openLogin(state, handle);
    return page(state, handle, 'identifier');
  });
  router.on('POST', '/u/login', submitIdentifier);
  router.on('POST', '/u/login/code', submitCode);
}

function openLogin(state: EmulatorState, handle: string): HostedLogin {
  const login = state.hostedLogins.get(handle);
  if (!login || state.now() >= login.expiresAt) {
    state.hostedLogins.delete(handle);
    throw auth0Error(
      400,
      'invalid_request',
      'Unknown or expired login transaction; start again at /authorize.',
    );
  }
  return login;
}

async function submitIdentifier({ state, request, ip }: RouteContext): Promise<Response> {
  const form = await readRequestBody(request, state.config.limits.maxBodyBytes, 'oauth');
  const handle = String(form.state ?? '');
  const login = openLogin(state, handle);
  const ask = readAuthorizeRequest(state, new URLSearchParams(login.query));
  const identifier = String(form.identifier ?? '').trim();
  const asked = new URLSearchParams(login.query).get('connection');
  const connection =
    asked === 'email' || asked === 'sms' ? asked : identifier.startsWith('+') ? 'sms' : 'email';
  const valid =
    connection === 'email'
      ? /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(identifier)
      : /^\+[0-9]{1,15}$/.test(identifier);
  if (!valid || !ask.client.connections.includes(connection)) {
    const what = connection === 'email' ? 'an e-mail address' : 'a phone number in E.164 format (+…)';
    return page(state, handle, 'identifier', `Enter ${what}.`, 400);
  }
  const limit = state.startLimits.take(ip);
  if (!limit.allowed) throw rateLimited(state, limit);
  const normalized = connection === 'email' ? identifier.toLowerCase() : identifier;
  const user = state.findUser(connection, normalized);
  if (user ? !user.blocked : !state.config.connections[connection].disableSignup) {
    const clientId = ask.client.clientId;
    sendCode(state, { connection, identifier: normalized, clientId, send: 'code', authParams: {}, request });
  }
  Object.assign(login, { connection, identifier: normalized });
  return page(state, handle, 'code');
}

async function submitCode({ state, request }: RouteContext): Promise<Response> {
  const form = await readRequestBody(request, state.config.limits.maxBodyBytes, 'oauth');
  const handle = String(form.state ?? '');
  const login = openLogin(state, handle);
  const { connection, identifier } = login;
  if (!connection || !identifier)
    return page(state, handle, 'identifier', 'Enter where to send a code.', 400);
  const ask = readAuthorizeRequest(state, new URLSearchParams(login.query));
  const code = String(form.code ?? '');
  const checked = checkCode(state, { connection, identifier, clientId: ask.client.clientId, code });
  if (!checked.ok) {
    if (checked.reason === 'wrong') return page(state, handle, 'code', wrongCodeDescription(connection), 400);
    const spec = checked.reason === 'expired' ? 'codeExpired' : 'codeAttemptsExhausted';
    return page(state, handle, 'identifier', state.config.unconfirmed[spec].error_description, 400);
  }
  state.hostedLogins.delete(handle);
  const user = state.findUser(connection, identifier) ?? state.createUser(connection, identifier);
  return completeAuthorization(state, ask, user, 'authorize');
}

function page(
  state: EmulatorState,
  handle: string,
  step: 'identifier' | 'code',
  message?: string,
  status = 200,
): Response {
  const field =
    step === 'identifier'
      ? '<label>E-mail address or phone number <input name="identifier" autocomplete="username" required></label>'
      : '<label>Code <input name="code" inputmode="numeric" autocomplete="one-time-code" required></label>';
  const body = `${message ? `<p role="alert">${escapeHtml(message)}</p>\n` : ''}<form method="post" action="${escapeHtml(`${state.issuer}u/login${step === 'code' ? '/code' : ''}`)}">
<input type="hidden" name="state" value="${escapeHtml(handle)}">
${field}
<button type="submit">${step === 'identifier' ? 'Send me a code' : 'Sign in'}</button>
</form>
<p>Codes land in the <a href="/__dev">dev outbox</a>.</p>`;
  const html = htmlPage({ title: `Sign in to ${state.config.tenantName}`, maxWidth: '26rem', body });
  return respond(html, status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
}
