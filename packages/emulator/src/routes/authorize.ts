import { completeAuthorization, readAuthorizeRequest, redirectBack } from '../domain/authorize.ts';
import { auth0Error } from '../errors.ts';
import { opaqueToken } from '../ids.ts';
import { redirect } from '../respond.ts';
import type { RouteContext, Router } from '../router.ts';
import { registerHostedLogin } from './hosted-login.ts';

/** How long the hosted login page keeps an `/authorize` request open. */
const hostedLoginSeconds = 600;

/**
 * `GET /authorize`: with a `login_ticket` from `/co/authenticate` (auth0.js `passwordlessLogin`) it
 * finishes that login at once; without one it sends the browser to the hosted login page.
 */
export function registerAuthorize(router: Router): void {
  // GET only: a HEAD must not spend a login ticket.
  router.on('GET', '/authorize', authorize, { head: false });
  registerHostedLogin(router);
}

async function authorize({ state, url }: RouteContext): Promise<Response> {
  const query = url.searchParams;
  const ask = readAuthorizeRequest(state, query);
  if (ask.responseTypes.has('id_token') && !ask.nonce) {
    throw auth0Error(400, 'invalid_request', 'Missing required parameter: nonce');
  }
  const ticket = query.get('login_ticket');
  if (ticket !== null) {
    const found = state.loginTickets.get(ticket);
    state.loginTickets.delete(ticket);
    const user = found ? state.users.get(found.userId) : undefined;
    if (!found || !user || found.clientId !== ask.client.clientId || state.now() >= found.expiresAt) {
      return redirectBack(ask, {
        error: 'access_denied',
        error_description: 'Invalid or expired login_ticket',
      });
    }
    return completeAuthorization(state, ask, user, 'authorize');
  }
  const handle = opaqueToken().slice(0, 32);
  state.hostedLogins.set(handle, {
    query: query.toString(),
    expiresAt: state.secondsFromNow(hostedLoginSeconds),
  });
  return redirect(`${state.issuer}u/login?state=${encodeURIComponent(handle)}`);
}
