import { GRANT, type ClientConfig } from '../config.ts';
import { auth0Error, fromSpec } from '../errors.ts';
import { matchesAny } from '../glob.ts';
import { opaqueToken } from '../ids.ts';
import { redirect } from '../respond.ts';
import type { EmulatorState } from '../state.ts';
import { issueTokens, normalizeScope } from '../tokens.ts';
import type { UserRecord } from '../users.ts';
import { mfaIsRequired } from './mfa-policy.ts';

/** What an `/authorize` request (or a magic link, which carries the same parameters) asks for. */
export interface AuthorizeRequest {
  client: ClientConfig;
  redirectUri: string;
  responseTypes: Set<string>;
  responseMode: 'query' | 'fragment';
  state?: string;
  nonce?: string;
  scope: string;
  audience?: string;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
}

const knownResponseTypes = new Set(['code', 'token', 'id_token']);

/**
 * Checks the parameters that must hold before anything can be redirected: the client and the
 * callback (a mistake there is answered here, never sent to an unchecked URL), the response type, its
 * grant, and PKCE. `defaultResponseType` is for magic links, whose `authParams` may name none.
 */
export function readAuthorizeRequest(
  state: EmulatorState,
  query: URLSearchParams,
  defaultResponseType?: string,
): AuthorizeRequest {
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
  const responseType = query.get('response_type') ?? defaultResponseType;
  if (!responseType) throw auth0Error(400, 'invalid_request', 'Missing required parameter: response_type');
  const responseTypes = new Set(responseType.split(' ').filter(Boolean));
  if (responseTypes.size === 0 || [...responseTypes].some((type) => !knownResponseTypes.has(type))) {
    throw auth0Error(400, 'unsupported_response_type', `Unsupported response type: ${responseType}`);
  }
  const codeOnly = responseTypes.has('code') && responseTypes.size === 1;
  const mode = query.get('response_mode') ?? (codeOnly ? 'query' : 'fragment');
  if (mode !== 'query' && mode !== 'fragment') {
    throw auth0Error(400, 'invalid_request', `Unsupported response_mode: ${mode}`);
  }
  if (mode === 'query' && !codeOnly) {
    throw auth0Error(400, 'invalid_request', 'response_mode query is only allowed with response_type code');
  }
  const grant = codeOnly ? GRANT.authorizationCode : GRANT.implicit;
  if (!client.grantTypes.includes(grant)) {
    throw auth0Error(403, 'unauthorized_client', `Grant type '${grant}' not allowed for the client.`, {
      error_uri: 'https://auth0.com/docs/clients/client-grant-types',
    });
  }
  const codeChallenge = query.get('code_challenge') ?? undefined;
  const method = query.get('code_challenge_method') ?? (codeChallenge ? 'plain' : undefined);
  if (method !== undefined && method !== 'S256' && method !== 'plain') {
    throw auth0Error(400, 'invalid_request', `Unsupported code_challenge_method: ${method}`);
  }
  return {
    client,
    redirectUri,
    responseTypes,
    responseMode: mode,
    state: query.get('state') ?? undefined,
    nonce: query.get('nonce') ?? undefined,
    scope: normalizeScope(query.get('scope') ?? undefined, state.config.tokens.defaultScope),
    audience: query.get('audience') ?? undefined,
    codeChallenge,
    codeChallengeMethod: method,
  };
}

/** The redirect back to the app with `params` (and `state`) in the query or the fragment. */
export function redirectBack(ask: AuthorizeRequest, params: Record<string, string | undefined>): Response {
  const defined = Object.entries({ ...params, state: ask.state }).filter(
    (entry): entry is [string, string] => entry[1] !== undefined,
  );
  const encoded = new URLSearchParams(defined).toString();
  const uri = ask.redirectUri;
  if (ask.responseMode === 'query') return redirect(`${uri}${uri.includes('?') ? '&' : '?'}${encoded}`);
  return redirect(`${uri.split('#')[0]}#${encoded}`);
}

/**
 * The end of a browser login for `user`: an authorization code (MFA, when due, is then demanded
 * at the exchange) and/or tokens in the fragment (refused with `interaction_required` when MFA is
 * due, which this emulator's pages do not run). The fragment never carries a refresh token.
 */
export async function completeAuthorization(
  state: EmulatorState,
  ask: AuthorizeRequest,
  user: UserRecord,
  via: 'authorize' | 'magic-link',
): Promise<Response> {
  if (user.blocked) return redirectBack(ask, { error: 'unauthorized', error_description: 'user is blocked' });
  const { client, scope, audience, nonce, responseTypes: types } = ask;
  const wantsTokens = types.has('token') || types.has('id_token');
  if (wantsTokens && mfaIsRequired(state, user, client, audience)) {
    return redirectBack(ask, {
      error: 'interaction_required',
      error_description: 'Multifactor authentication required',
    });
  }
  const params: Record<string, string | undefined> = {};
  if (types.has('code')) {
    const code = opaqueToken();
    state.authorizationCodes.set(code, {
      userId: user.userId,
      clientId: client.clientId,
      redirectUri: ask.redirectUri,
      scope,
      audience,
      nonce,
      codeChallenge: ask.codeChallenge,
      codeChallengeMethod: ask.codeChallengeMethod,
      // Auth0 never gives a magic-link login a refresh token.
      allowRefresh: via === 'authorize',
      expiresAt: state.secondsFromNow(state.config.tokens.authorizationCodeLifetimeSeconds),
    });
    params.code = code;
  }
  if (wantsTokens) {
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
    Object.assign(params, {
      access_token: types.has('token') ? tokens.access_token : undefined,
      id_token: types.has('id_token') ? tokens.id_token : undefined,
      scope: tokens.scope,
      expires_in: String(tokens.expires_in),
      token_type: tokens.token_type,
    });
  }
  return redirectBack(ask, params);
}
