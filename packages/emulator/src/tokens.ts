import { createHash } from 'node:crypto';
import { EncryptJWT, jwtDecrypt, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { ClientConfig } from './config.ts';
import { opaqueToken } from './ids.ts';
import type { EmulatorState } from './state.ts';
import type { UserRecord } from './users.ts';

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
  id_token?: string;
  refresh_token?: string;
  recovery_code?: string;
}

export interface IssueTokensOptions {
  user: UserRecord;
  client: ClientConfig;
  scope: string;
  audience?: string;
  nonce?: string;
  /** The login session (`sid` in ID tokens); a new one when omitted. Refreshes keep their login's. */
  sid?: string;
  /** `['mfa']` once a second factor was checked. */
  amr?: string[];
  /** Refresh tokens need `offline_access`, the grant, and a flow that allows them (not magic links). */
  allowRefresh: boolean;
  /** `at_hash` in the ID token: set when both travel together through the browser (implicit flow). */
  atHash?: boolean;
}

export const mfaAudience = (state: EmulatorState) => `${state.issuer}mfa/`;
/** Access tokens for the MFA API always live 10 minutes on Auth0, whatever the app's setting. */
const mfaApiTokenLifetimeSeconds = 600;
export const userinfoAudience = (state: EmulatorState) => `${state.issuer}userinfo`;

export const newSessionId = () => opaqueToken().slice(0, 32);

export function profileClaims(user: UserRecord, scope: string): Record<string, unknown> {
  const scopes = new Set(scope.split(' '));
  const claims: Record<string, unknown> = {};
  if (scopes.has('profile')) {
    Object.assign(claims, {
      name: user.name,
      nickname: user.nickname,
      picture: user.picture,
      updated_at: user.updatedAt,
    });
  }
  if (scopes.has('email') && user.email) Object.assign(claims, { email: user.email, email_verified: true });
  if (scopes.has('phone') && user.phoneNumber)
    Object.assign(claims, { phone_number: user.phoneNumber, phone_number_verified: true });
  return claims;
}

/** OIDC Core §3.2.2.9: the left half of the SHA-256 of the access token, base64url. */
export const accessTokenHash = (accessToken: string) =>
  createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');

interface AccessTokenClaims {
  user: UserRecord;
  client: ClientConfig;
  scope: string;
  audience?: string;
  amr?: string[];
  lifetime: number;
}

/**
 * With an `audience`, a JWT for that API (plus `/userinfo` when `openid` was granted). Without one,
 * an opaque token as Auth0 issues it (a JWE, `alg: dir`, that no client can read), good only at
 * `/userinfo`: code that decodes such a token fails here as it would on a tenant.
 */
async function accessToken(state: EmulatorState, claims: AccessTokenClaims): Promise<string> {
  const nowSeconds = Math.floor(state.now() / 1000);
  const payload = {
    scope: claims.scope,
    azp: claims.client.clientId,
    ...(claims.amr ? { amr: claims.amr } : {}),
  };
  if (claims.audience === undefined) {
    return new EncryptJWT(payload)
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', iss: state.issuer })
      .setIssuer(state.issuer)
      .setSubject(claims.user.userId)
      .setIssuedAt(nowSeconds)
      .setExpirationTime(nowSeconds + claims.lifetime)
      .encrypt(state.keys.opaqueTokenKey);
  }
  const openid = claims.scope.split(' ').includes('openid');
  const audiences = openid ? [claims.audience, userinfoAudience(state)] : claims.audience;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: state.keys.kid })
    .setIssuer(state.issuer)
    .setSubject(claims.user.userId)
    .setAudience(audiences)
    .setIssuedAt(nowSeconds)
    .setExpirationTime(nowSeconds + claims.lifetime)
    .setJti(opaqueToken().slice(0, 22))
    .sign(state.keys.privateKey);
}

export async function issueTokens(state: EmulatorState, options: IssueTokensOptions): Promise<TokenResponse> {
  const { user, client, scope, audience, nonce, amr } = options;
  const { tokens } = state.config;
  const lifetime =
    audience === mfaAudience(state) ? mfaApiTokenLifetimeSeconds : tokens.accessTokenLifetimeSeconds;
  const nowSeconds = Math.floor(state.now() / 1000);
  const scopes = scope.split(' ').filter(Boolean);
  const sid = options.sid ?? newSessionId();
  const access = await accessToken(state, { user, client, scope, audience, amr, lifetime });
  const response: TokenResponse = { access_token: access, token_type: 'Bearer', expires_in: lifetime, scope };

  if (scopes.includes('openid')) {
    response.id_token = await new SignJWT({
      ...profileClaims(user, scope),
      ...(nonce ? { nonce } : {}),
      ...(amr ? { amr } : {}),
      ...(options.atHash ? { at_hash: accessTokenHash(access) } : {}),
      auth_time: nowSeconds,
      sid,
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: state.keys.kid })
      .setIssuer(state.issuer)
      .setSubject(user.userId)
      .setAudience(client.clientId)
      .setIssuedAt(nowSeconds)
      .setExpirationTime(nowSeconds + tokens.idTokenLifetimeSeconds)
      .sign(state.keys.privateKey);
  }

  if (
    options.allowRefresh &&
    scopes.includes('offline_access') &&
    client.grantTypes.includes('refresh_token')
  ) {
    const refreshToken = opaqueToken();
    const grant = { userId: user.userId, clientId: client.clientId, scope, audience, sid };
    state.refreshTokens.set(refreshToken, { ...grant, family: refreshToken });
    response.refresh_token = refreshToken;
  }
  return response;
}

export type AccessTokenPayload = JWTPayload & { scope?: string };

/** Verifies a JWT access token this emulator issued for `audience`; `undefined` when not one, or expired. */
export async function verifyAccessToken(
  state: EmulatorState,
  token: string,
  audience: string,
): Promise<AccessTokenPayload | undefined> {
  try {
    const { payload } = await jwtVerify(token, state.keys.publicKey, {
      issuer: state.issuer,
      audience,
      currentDate: new Date(state.now()),
      algorithms: ['RS256'],
    });
    return payload as AccessTokenPayload;
  } catch {
    return undefined;
  }
}

/** What `/userinfo` accepts: an opaque token with `openid`, or a JWT with the `/userinfo` audience. */
export async function verifyUserinfoToken(
  state: EmulatorState,
  token: string,
): Promise<AccessTokenPayload | undefined> {
  if (token.split('.').length !== 5) return verifyAccessToken(state, token, userinfoAudience(state));
  try {
    const { payload } = await jwtDecrypt(token, state.keys.opaqueTokenKey, {
      issuer: state.issuer,
      currentDate: new Date(state.now()),
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: ['A256GCM'],
    });
    const scope = typeof payload.scope === 'string' ? payload.scope : '';
    return scope.split(' ').includes('openid') ? (payload as AccessTokenPayload) : undefined;
  } catch {
    return undefined;
  }
}

/** Joins scopes without duplicates, keeping the first order seen. */
export function normalizeScope(scope: string | undefined, fallback: string): string {
  const words = (scope ?? fallback).split(/\s+/).filter(Boolean);
  return [...new Set(words)].join(' ');
}
