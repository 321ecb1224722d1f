import { readRequestBody, requiredString } from '../body.ts';
import { authenticateClient } from '../client-auth.ts';
import { bearerOf } from '../domain/mfa-bearer.ts';
import { limitHeaders, rateLimited } from '../domain/rate-limit.ts';
import { fromSpec } from '../errors.ts';
import { empty, json } from '../respond.ts';
import type { RouteContext, Router } from '../router.ts';
import type { EmulatorState } from '../state.ts';
import { profileClaims, verifyUserinfoToken } from '../tokens.ts';

export function registerOidc(router: Router): void {
  router.on('GET', '/.well-known/jwks.json', ({ state }) => json(state.keys.jwks));
  router.on('GET', '/.well-known/openid-configuration', ({ state }) => json(discovery(state)));
  router.on('GET', '/.well-known/oauth-authorization-server', ({ state }) => json(discovery(state)));
  router.on('POST', '/oauth/revoke', revoke);
  router.on('GET', '/userinfo', userinfo);
  router.on('POST', '/userinfo', userinfo);
}

/**
 * Every endpoint is built from the issuer, so a proxy or custom domain in front stays consistent, and
 * only endpoints and options the emulator really serves are listed.
 */
function discovery(state: EmulatorState) {
  const at = (path: string) => `${state.issuer}${path}`;
  return {
    issuer: state.issuer,
    authorization_endpoint: at('authorize'),
    token_endpoint: at('oauth/token'),
    userinfo_endpoint: at('userinfo'),
    mfa_challenge_endpoint: at('mfa/challenge'),
    jwks_uri: at('.well-known/jwks.json'),
    revocation_endpoint: at('oauth/revoke'),
    end_session_endpoint: at('oidc/logout'),
    scopes_supported: [
      'openid',
      'profile',
      'offline_access',
      'name',
      'given_name',
      'family_name',
      'nickname',
      'email',
      'email_verified',
      'picture',
      'created_at',
      'identities',
      'phone',
      'address',
    ],
    response_types_supported: [
      'code',
      'token',
      'id_token',
      'code token',
      'code id_token',
      'token id_token',
      'code token id_token',
    ],
    code_challenge_methods_supported: ['S256', 'plain'],
    response_modes_supported: ['query', 'fragment'],
    subject_types_supported: ['public'],
    // Only what is served: Auth0 also lists HS256/PS256, private_key_jwt and form_post.
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    claims_supported: [
      'aud',
      'auth_time',
      'created_at',
      'email',
      'email_verified',
      'exp',
      'family_name',
      'given_name',
      'iat',
      'identities',
      'iss',
      'name',
      'nickname',
      'phone_number',
      'picture',
      'sub',
    ],
    request_uri_parameter_supported: false,
    request_parameter_supported: false,
  };
}

/** Always 200 with an empty body, even for an unknown token (RFC 7009). */
async function revoke({ state, request }: RouteContext) {
  const body = await readRequestBody(request, state.config.limits.maxBodyBytes, 'oauth');
  const { client } = authenticateClient(state, body, request, 'oauth');
  const token = requiredString(body, 'token');
  const record = state.refreshTokens.get(token);
  if (record?.clientId === client.clientId) state.refreshTokens.delete(token);
  return empty(200);
}

async function userinfo({ state, request }: RouteContext) {
  const token = bearerOf(request);
  const payload = token ? await verifyUserinfoToken(state, token) : undefined;
  const user = payload?.sub ? state.users.get(payload.sub) : undefined;
  if (!payload || !user) {
    const spec = state.config.unconfirmed.invalidBearer;
    throw fromSpec(spec, {
      'www-authenticate': `Bearer error="${spec.error}", error_description="${spec.error_description}"`,
    });
  }
  const limit = state.userinfoLimits.take(user.userId);
  if (!limit.allowed) throw rateLimited(state, limit);
  const headers = limitHeaders(state, limit, false);
  return json({ sub: user.userId, ...profileClaims(user, payload.scope ?? '') }, 200, headers);
}
