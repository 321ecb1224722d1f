import { decodeJwt, jwtVerify } from 'jose';
import { readRequestBody } from '../body.ts';
import type { ClientConfig } from '../config.ts';
import { auth0Error, fromSpec } from '../errors.ts';
import { matchesAny } from '../glob.ts';
import { htmlPage } from '../html-page.ts';
import { html, redirect } from '../respond.ts';
import type { RouteContext, Router } from '../router.ts';
import type { EmulatorState } from '../state.ts';

/**
 * `GET /v2/logout` (Auth0's own) and `GET|POST /oidc/logout` (OIDC RP-initiated logout). The
 * emulator keeps no browser session, so logging out is only the checked redirect back to the app.
 */
export function registerLogout(router: Router): void {
  router.on('GET', '/v2/logout', v2Logout);
  router.on('GET', '/oidc/logout', ({ state, url }) => oidcLogout(state, url.searchParams));
  router.on('POST', '/oidc/logout', async ({ state, request }) => {
    const body = await readRequestBody(request, state.config.limits.maxBodyBytes, 'oauth');
    return oidcLogout(
      state,
      new URLSearchParams(Object.entries(body).map(([key, value]) => [key, String(value)])),
    );
  });
}

const logoutUrls = (client: ClientConfig) => client.allowedLogoutUrls ?? client.callbacks;

const signedOut = (state: EmulatorState) =>
  html(
    htmlPage({
      title: `Signed out of ${state.config.tenantName}`,
      maxWidth: '26rem',
      body: '<p>You are signed out.</p>',
    }),
  );

function v2Logout({ state, url }: RouteContext): Response {
  const returnTo = url.searchParams.get('returnTo');
  const clientId = url.searchParams.get('client_id');
  const client = clientId === null ? undefined : state.client(clientId);
  if (clientId !== null && !client) throw fromSpec(state.config.unconfirmed.unknownClient);
  if (returnTo === null) return signedOut(state);
  // Without client_id, Auth0 checks the tenant's Allowed Logout URLs: here, those of every client.
  const allowed = client ? logoutUrls(client) : state.config.clients.flatMap(logoutUrls);
  if (!matchesAny(allowed, returnTo)) {
    throw auth0Error(
      400,
      'invalid_request',
      `The "returnTo" querystring parameter "${returnTo}" is not defined as a valid URL in "Allowed Logout URLs".`,
    );
  }
  return redirect(returnTo);
}

async function oidcLogout(state: EmulatorState, params: URLSearchParams): Promise<Response> {
  const hint = params.get('id_token_hint');
  let clientId = params.get('client_id') ?? undefined;
  if (hint) {
    // An expired ID token is still a good hint (OIDC RP-Initiated Logout §2).
    const verified = await jwtVerify(hint, state.keys.publicKey, {
      issuer: state.issuer,
      algorithms: ['RS256'],
    }).then(
      () => decodeJwt(hint),
      (error: unknown) =>
        (error as { code?: string }).code === 'ERR_JWT_EXPIRED' ? decodeJwt(hint) : undefined,
    );
    const audience = Array.isArray(verified?.aud) ? verified.aud[0] : verified?.aud;
    if (!audience || (clientId !== undefined && clientId !== audience)) {
      throw auth0Error(
        400,
        'invalid_request',
        'The id_token_hint is invalid or was not issued to this client.',
      );
    }
    clientId = audience;
  }
  const postLogout = params.get('post_logout_redirect_uri');
  if (postLogout === null) return signedOut(state);
  const client = clientId === undefined ? undefined : state.client(clientId);
  if (!client) {
    throw auth0Error(
      400,
      'invalid_request',
      'post_logout_redirect_uri needs an id_token_hint or a client_id.',
    );
  }
  if (!matchesAny(logoutUrls(client), postLogout)) {
    throw auth0Error(
      400,
      'invalid_request',
      `The "post_logout_redirect_uri" parameter "${postLogout}" is not defined as a valid URL in "Allowed Logout URLs".`,
    );
  }
  const logoutState = params.get('state');
  if (logoutState === null) return redirect(postLogout);
  return redirect(
    `${postLogout}${postLogout.includes('?') ? '&' : '?'}${new URLSearchParams({ state: logoutState })}`,
  );
}
