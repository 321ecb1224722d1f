import { createHash } from 'node:crypto';
import {
  exportJWK,
  generateKeyPair,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JSONWebKeySet,
  type JWTPayload,
} from 'jose';
import type { ClientConfig } from './config.ts';
import { opaqueToken } from './ids.ts';
import type { EmulatorState } from './state.ts';
import type { UserRecord } from './users.ts';

export interface SigningKeys {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  jwks: JSONWebKeySet;
}

let processKeys: Promise<SigningKeys> | undefined;

/**
 * One RS256 key per process, like one per tenant: generating a 2048-bit key costs ~100 ms, which
 * adds up when every test starts its own emulator.
 */
export function createSigningKeys(): Promise<SigningKeys> {
  processKeys ??= generateSigningKeys();
  return processKeys;
}

async function generateSigningKeys(): Promise<SigningKeys> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(publicKey);
  // Auth0's kids are opaque strings; a thumbprint-like digest keeps them stable per key.
  const kid = createHash('sha256')
    .update(jwk.n ?? '')
    .digest('base64url')
    .slice(0, 32);
  return { kid, privateKey, publicKey, jwks: { keys: [{ ...jwk, kid, alg: 'RS256', use: 'sig' }] } };
}

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
  /** `['mfa']` once a second factor was checked. */
  amr?: string[];
  /** Refresh tokens need `offline_access`, the grant, and a flow that allows them (not magic links). */
  allowRefresh: boolean;
}

export const mfaAudience = (state: EmulatorState) => `${state.issuer}mfa/`;
/** Access tokens for the MFA API always live 10 minutes on Auth0, whatever the app's setting. */
const mfaApiTokenLifetimeSeconds = 600;
export const userinfoAudience = (state: EmulatorState) => `${state.issuer}userinfo`;

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

export async function issueTokens(state: EmulatorState, options: IssueTokensOptions): Promise<TokenResponse> {
  const { user, client, scope, audience, nonce, amr } = options;
  const { tokens } = state.config;
  const accessTokenLifetime =
    audience === mfaAudience(state) ? mfaApiTokenLifetimeSeconds : tokens.accessTokenLifetimeSeconds;
  const nowSeconds = Math.floor(state.now() / 1000);
  const scopes = scope.split(' ').filter(Boolean);
  const audiences = [audience, scopes.includes('openid') ? userinfoAudience(state) : undefined].filter(
    (value): value is string => value !== undefined,
  );

  const accessToken = await new SignJWT({ scope, azp: client.clientId, ...(amr ? { amr } : {}) })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: state.keys.kid })
    .setIssuer(state.issuer)
    .setSubject(user.userId)
    .setAudience(audiences.length === 1 ? audiences[0]! : audiences)
    .setIssuedAt(nowSeconds)
    .setExpirationTime(nowSeconds + accessTokenLifetime)
    .setJti(opaqueToken().slice(0, 22))
    .sign(state.keys.privateKey);

  const response: TokenResponse = {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: accessTokenLifetime,
    scope,
  };

  if (scopes.includes('openid')) {
    response.id_token = await new SignJWT({
      ...profileClaims(user, scope),
      ...(nonce ? { nonce } : {}),
      ...(amr ? { amr } : {}),
      auth_time: nowSeconds,
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
    const grant = { userId: user.userId, clientId: client.clientId, scope, audience };
    state.refreshTokens.set(refreshToken, { ...grant, family: refreshToken });
    response.refresh_token = refreshToken;
  }
  return response;
}

/** Verifies an access token this emulator issued; `undefined` when it is not one, or has expired. */
export async function verifyAccessToken(
  state: EmulatorState,
  token: string,
  audience: string,
): Promise<(JWTPayload & { scope?: string }) | undefined> {
  try {
    const { payload } = await jwtVerify(token, state.keys.publicKey, {
      issuer: state.issuer,
      audience,
      currentDate: new Date(state.now()),
      algorithms: ['RS256'],
    });
    return payload as JWTPayload & { scope?: string };
  } catch {
    return undefined;
  }
}

/** Joins scopes without duplicates, keeping the first order seen. */
export function normalizeScope(scope: string | undefined, fallback: string): string {
  const words = (scope ?? fallback).split(/\s+/).filter(Boolean);
  return [...new Set(words)].join(' ');
}
