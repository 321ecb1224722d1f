import { clientAuth } from './context.ts';
import type { CallOptions, ClientContext } from './context.ts';
import { GRANT_AUTHORIZATION_CODE, GRANT_REFRESH_TOKEN } from './grants.ts';
import { withOpenid } from './scope.ts';
import { requestTokens } from './tokens.ts';
import type { TokenResult } from './tokens.ts';
import { requireObject, requireString } from './wire.ts';

export interface RefreshParams extends CallOptions {
  refreshToken: string;
  /** A subset of the originally granted scope. */
  scope?: string;
}

export interface RevokeParams extends CallOptions {
  refreshToken: string;
}

export interface UserInfoParams extends CallOptions {
  accessToken: string;
}

export interface ExchangeAuthorizationCodeParams extends CallOptions {
  code: string;
  /** Must equal the `redirectUri` sent in the magic link's `authParams`. */
  redirectUri: string;
}

/** OIDC claims as Auth0 returns them (claim names are a standard, so they stay snake_case). */
export interface UserInfo {
  sub: string;
  name?: string;
  nickname?: string;
  picture?: string;
  email?: string;
  email_verified?: boolean;
  phone_number?: string;
  phone_number_verified?: boolean;
  /** Auth0 sends an ISO-8601 string here, although the OIDC spec says a number. */
  updated_at?: string | number;
  [claim: string]: unknown;
}

/** `refresh_token` grant. May reject with `mfa_required` like any token call. */
export function refresh(context: ClientContext, params: RefreshParams): Promise<TokenResult> {
  return requestTokens(context, params, {
    grant_type: GRANT_REFRESH_TOKEN,
    refresh_token: params.refreshToken,
    scope: params.scope === undefined ? undefined : withOpenid(params.scope),
  });
}

/** Completes a magic link that used `response_type=code`; no PKCE verifier (start registers none). */
export function exchangeAuthorizationCode(
  context: ClientContext,
  params: ExchangeAuthorizationCodeParams,
): Promise<TokenResult> {
  return requestTokens(context, params, {
    grant_type: GRANT_AUTHORIZATION_CODE,
    code: params.code,
    redirect_uri: params.redirectUri,
  });
}

/** `POST /oauth/revoke`; Auth0 answers 200 with an empty body. */
export async function revoke(context: ClientContext, params: RevokeParams): Promise<void> {
  await context.transport.send({
    method: 'POST',
    path: 'oauth/revoke',
    body: { ...clientAuth(context), token: params.refreshToken },
    signal: params.signal,
    forwardedFor: params.forwardedFor,
  });
}

/** `GET /userinfo`. Limited to 5 per minute per user, so cache the result. */
export async function userInfo(context: ClientContext, params: UserInfoParams): Promise<UserInfo> {
  const { status, data } = await context.transport.sendJson({
    method: 'GET',
    path: 'userinfo',
    bearer: params.accessToken,
    signal: params.signal,
    forwardedFor: params.forwardedFor,
    idempotent: true,
  });
  const body = requireObject(data, 'the user profile', status);
  return { ...body, sub: requireString(body, 'sub', 'the user profile', status) };
}
