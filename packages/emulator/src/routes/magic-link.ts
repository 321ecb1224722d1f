import { checkCode, wrongCodeDescription } from '../domain/codes.ts';
import { mfaIsRequired } from '../domain/mfa-policy.ts';
import { auth0Error, fromSpec } from '../errors.ts';
import { matchesAny } from '../glob.ts';
import { opaqueToken } from '../ids.ts';
import { redirect } from '../respond.ts';
import type { RouteContext, Router } from '../router.ts';
import type { EmulatorState, PendingCode } from '../state.ts';
import { issueTokens, normalizeScope } from '../tokens.ts';

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
  const client = state.client(query.get('client_id') ?? '');
  if (!client) throw fromSpec(state.config.unconfirmed.unknownClient);
  const redirectUri = query.get('redirect_uri');
  if (!redirectUri) throw auth0Error(400, 'invalid_request', 'Missing required parameter: redirect_uri');
  if (!matchesAny(client.callbacks, redirectUri)) {
    throw auth0Error(
      400,
      'invalid_request',
      `Callback URL mismatch. ${redirectUri} is not in the list of allowed callback URLs`,
    );
  }

  const responseType = query.get('response_type') ?? state.config.unconfirmed.magicLinkDefaultResponseType;
  const types = new Set(responseType.split(' '));
  const mode = query.get('response_mode') ?? (types.has('code') && types.size === 1 ? 'query' : 'fragment');
  const stateParam = query.get('state') ?? undefined;
  const answer = (params: Record<string, string | undefined>) =>
    redirect(appendParams(redirectUri, mode, { ...params, state: stateParam }));

  const connection = query.get('connection') === 'sms' ? 'sms' : 'email';
  const identifier = query.get(connection === 'email' ? 'email' : 'phone_number') ?? '';
  const checked = checkCode(state, {
    connection,
    identifier,
    clientId: client.clientId,
    code: query.get('verification_code') ?? '',
  });
  if (!checked.ok) {
    const description = {
      wrong: wrongCodeDescription(connection),
      expired: state.config.unconfirmed.codeExpired.error_description,
      exhausted: state.config.unconfirmed.codeAttemptsExhausted.error_description,
    }[checked.reason];
    return answer({ error: 'unauthorized', error_description: description });
  }

  const user = state.findUser(connection, identifier) ?? state.createUser(connection, identifier);
  if (user.blocked) return answer({ error: 'unauthorized', error_description: 'user is blocked' });
  const audience = query.get('audience') ?? undefined;
  const scope = normalizeScope(query.get('scope') ?? undefined, state.config.tokens.defaultScope);
  const nonce = query.get('nonce') ?? undefined;

  if (types.has('code')) {
    // MFA, when due, is demanded when the code is exchanged at /oauth/token.
    const code = opaqueToken();
    state.authorizationCodes.set(code, {
      userId: user.userId,
      clientId: client.clientId,
      redirectUri,
      scope,
      audience,
      nonce,
      expiresAt: state.secondsFromNow(state.config.tokens.authorizationCodeLifetimeSeconds),
    });
    return answer({ code });
  }
  if (mfaIsRequired(state, user, client, audience)) {
    return answer({
      error: 'interaction_required',
      error_description: 'Multifactor authentication required',
    });
  }
  // Magic links never yield refresh tokens.
  const atHash = types.has('token') && types.has('id_token');
  const tokens = await issueTokens(state, {
    user,
    client,
    scope,
    audience,
    nonce,
    atHash,
    allowRefresh: false,
  });
  return answer({
    access_token: types.has('token') ? tokens.access_token : undefined,
    id_token: types.has('id_token') ? tokens.id_token : undefined,
    scope: tokens.scope,
    expires_in: String(tokens.expires_in),
    token_type: tokens.token_type,
  });
}

function appendParams(uri: string, mode: string, params: Record<string, string | undefined>): string {
  const defined = Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined);
  const encoded = new URLSearchParams(defined).toString();
  if (mode === 'query') return `${uri}${uri.includes('?') ? '&' : '?'}${encoded}`;
  return `${uri.split('#')[0]}#${encoded}`;
}
