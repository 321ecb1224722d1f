import { checkCode, wrongCodeDescription } from '../domain/codes.ts';
import { completeAuthorization, readAuthorizeRequest, redirectBack } from '../domain/authorize.ts';
import type { RouteContext, Router } from '../router.ts';
import type { EmulatorState, PendingCode } from '../state.ts';

/** The link Auth0 e-mails: `verify_redirect` with the start's `authParams` and the code. */
export function buildMagicLink(state: EmulatorState, pending: PendingCode): string {
  const query = new URLSearchParams({
    response_type: state.config.unconfirmed.magicLinkDefaultResponseType,
    ...pending.authParams,
    client_id: pending.clientId,
    connection: pending.connection,
    verification_code: pending.code,
    [pending.connection === 'email' ? 'email' : 'phone_number']: pending.identifier,
  });
  return `${state.issuer}passwordless/verify_redirect?${query}`;
}

export function registerMagicLink(router: Router): void {
  // A HEAD (a mail scanner's probe) must not consume the one-time link.
  router.on('GET', '/passwordless/verify_redirect', followMagicLink, { head: false });
}

async function followMagicLink({ state, url }: RouteContext): Promise<Response> {
  const query = url.searchParams;
  const ask = readAuthorizeRequest(state, query, state.config.unconfirmed.magicLinkDefaultResponseType);
  const connection = query.get('connection') === 'sms' ? 'sms' : 'email';
  const identifier = query.get(connection === 'email' ? 'email' : 'phone_number') ?? '';
  const checked = checkCode(state, {
    connection,
    identifier,
    clientId: ask.client.clientId,
    code: query.get('verification_code') ?? '',
  });
  if (!checked.ok) {
    const description = {
      wrong: wrongCodeDescription(connection),
      expired: state.config.unconfirmed.codeExpired.error_description,
      exhausted: state.config.unconfirmed.codeAttemptsExhausted.error_description,
    }[checked.reason];
    return redirectBack(ask, { error: 'unauthorized', error_description: description });
  }
  const user = state.findUser(connection, identifier) ?? state.createUser(connection, identifier);
  return completeAuthorization(state, ask, user, 'magic-link');
}
