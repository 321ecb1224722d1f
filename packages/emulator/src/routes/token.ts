import { createHash } from 'node:crypto';
import { optionalString, readRequestBody, requiredString, type RequestBody } from '../body.ts';
import { authenticateClient, requireGrant, type AuthenticatedClient } from '../client-auth.ts';
import { GRANT } from '../config.ts';
import { checkCode, wrongCodeDescription } from '../domain/codes.ts';
import { finishPrimaryLogin } from '../domain/login.ts';
import { findRefreshToken, rotateRefreshToken } from '../domain/refresh-tokens.ts';
import { rateLimitKey } from '../domain/rate-limit.ts';
import { takeTokenLimits } from '../domain/token-limits.ts';
import { auth0Error, fromSpec, withErrorHeaders } from '../errors.ts';
import { json } from '../respond.ts';
import type { RouteContext, Router } from '../router.ts';
import type { EmulatorState } from '../state.ts';
import { issueTokens, normalizeScope, type TokenResponse } from '../tokens.ts';
import { verifyMfaOob, verifyMfaOtp, verifyRecoveryCode } from './mfa-grants.ts';

type GrantHandler = (
  state: EmulatorState,
  body: RequestBody,
  auth: AuthenticatedClient,
) => Promise<TokenResponse>;

// A Map, not an object literal, so `grant_type=toString` is unsupported rather than a prototype hit.
const grants = new Map<string, GrantHandler>([
  [GRANT.passwordlessOtp, passwordlessOtp],
  [GRANT.mfaOtp, verifyMfaOtp],
  [GRANT.mfaOob, verifyMfaOob],
  [GRANT.mfaRecoveryCode, verifyRecoveryCode],
  [GRANT.refreshToken, refreshToken],
  [GRANT.authorizationCode, authorizationCode],
]);

export function registerToken(router: Router): void {
  router.on('POST', '/oauth/token', async ({ state, request, ip }: RouteContext) => {
    const body = await readRequestBody(request, state.config.limits.maxBodyBytes, 'oauth');
    const grantType = requiredString(body, 'grant_type');
    const handler = grants.get(grantType);
    if (!handler) throw auth0Error(400, 'unsupported_grant_type', `Unsupported grant type: ${grantType}`);
    const auth = authenticateClient(state, body, request, 'oauth');
    requireGrant(auth.client, grantType);
    const address = rateLimitKey(request, ip, auth.client, auth.sentSecret);
    const limits = takeTokenLimits(state, grantType, body, address);
    let tokens: TokenResponse;
    try {
      tokens = await handler(state, body, auth);
    } catch (error) {
      throw withErrorHeaders(error, limits);
    }
    // Token responses must not be cached (RFC 6749 §5.1).
    return json(tokens, 200, { 'cache-control': 'no-store', pragma: 'no-cache', ...limits });
  });
}

async function passwordlessOtp(state: EmulatorState, body: RequestBody, { client }: AuthenticatedClient) {
  const realm = requiredString(body, 'realm');
  const username = requiredString(body, 'username');
  const otp = requiredString(body, 'otp');
  if (realm !== 'email' && realm !== 'sms') {
    throw auth0Error(400, 'invalid_request', `Unknown realm ${realm}.`);
  }
  if (!client.connections.includes(realm)) {
    throw auth0Error(403, 'unauthorized_client', `The connection ${realm} is not enabled for this client.`);
  }
  const checked = checkCode(state, {
    connection: realm,
    identifier: username,
    clientId: client.clientId,
    code: otp,
  });
  if (!checked.ok) {
    if (checked.reason === 'expired') throw fromSpec(state.config.unconfirmed.codeExpired);
    if (checked.reason === 'exhausted') throw fromSpec(state.config.unconfirmed.codeAttemptsExhausted);
    throw auth0Error(403, 'invalid_grant', wrongCodeDescription(realm));
  }
  const user = state.findUser(realm, username) ?? state.createUser(realm, username);
  return finishPrimaryLogin(state, {
    user,
    client,
    scope: normalizeScope(optionalString(body, 'scope'), state.config.tokens.defaultScope),
    audience: optionalString(body, 'audience'),
    allowRefresh: true,
  });
}

async function refreshToken(state: EmulatorState, body: RequestBody, { client }: AuthenticatedClient) {
  const token = requiredString(body, 'refresh_token');
  // From the lookup to the rotation nothing is awaited, so concurrent uses of one token cannot interleave.
  const record = findRefreshToken(state, token, client.clientId);
  const user = state.users.get(record.userId);
  if (!user) {
    throw auth0Error(
      403,
      'invalid_grant',
      "The refresh_token was generated for a user who doesn't exist anymore.",
    );
  }
  if (user.blocked) throw auth0Error(401, 'unauthorized', 'user is blocked');
  const requested = optionalString(body, 'scope');
  const granted = new Set(record.scope.split(' '));
  const scope = requested ? normalizeScope(requested, '') : record.scope;
  if (scope.split(' ').some((word) => !granted.has(word))) {
    throw auth0Error(
      403,
      'invalid_scope',
      'Requested scope is not a subset of the scope granted to the refresh token.',
    );
  }
  const replacement = state.config.tokens.refreshTokenRotation
    ? rotateRefreshToken(state, token, record)
    : undefined;
  const tokens = await issueTokens(state, {
    user,
    client,
    scope,
    audience: record.audience,
    sid: record.sid,
    allowRefresh: false,
  });
  return replacement === undefined ? tokens : { ...tokens, refresh_token: replacement };
}

async function authorizationCode(state: EmulatorState, body: RequestBody, { client }: AuthenticatedClient) {
  const code = requiredString(body, 'code');
  const record = state.authorizationCodes.get(code);
  state.authorizationCodes.delete(code);
  const redirectUri = optionalString(body, 'redirect_uri');
  if (
    !record ||
    record.clientId !== client.clientId ||
    state.now() >= record.expiresAt ||
    (redirectUri !== undefined && redirectUri !== record.redirectUri)
  ) {
    throw auth0Error(403, 'invalid_grant', 'Invalid authorization code');
  }
  if (record.codeChallenge !== undefined) {
    const verifier = optionalString(body, 'code_verifier');
    const derived =
      verifier && record.codeChallengeMethod === 'S256'
        ? createHash('sha256').update(verifier).digest('base64url')
        : verifier;
    if (derived !== record.codeChallenge) {
      throw auth0Error(403, 'invalid_grant', 'Failed verification of code_verifier');
    }
  }
  const user = state.users.get(record.userId);
  if (!user) throw auth0Error(403, 'invalid_grant', 'Invalid authorization code');
  return finishPrimaryLogin(state, {
    user,
    client,
    scope: record.scope,
    audience: record.audience,
    nonce: record.nonce,
    allowRefresh: record.allowRefresh,
  });
}
