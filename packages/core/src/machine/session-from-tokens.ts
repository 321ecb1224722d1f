import type { Auth0Client } from '../api/client.ts';
import type { IdTokenClaims } from '../api/id-token-claims.ts';
import type { TokenResult } from '../api/tokens.ts';
import type { PasswordlessConfig, Session, SessionUser } from './types.ts';
import { compact } from '../compact.ts';

/** The nonce an ID token is checked against: the one sent, and whether a token may lack it. */
export interface NonceCheck {
  nonce: string;
  mayBeAbsent?: boolean;
}

/** Tokens from any grant become a session: the ID token is validated first (with the nonce, if one was sent). */
export async function toSession(
  client: Auth0Client,
  config: PasswordlessConfig,
  tokens: TokenResult,
  { nonceCheck, signal }: { nonceCheck?: NonceCheck | undefined; signal?: AbortSignal } = {},
): Promise<Session> {
  const check = compact({
    signal,
    nonce: nonceCheck?.nonce,
    nonceMayBeAbsent: nonceCheck?.mayBeAbsent ? true : undefined,
  });
  const claims =
    tokens.idToken && config.validateIdToken ? await client.validateIdToken(tokens.idToken, check) : null;
  return {
    tokens: compact({
      accessToken: tokens.accessToken,
      tokenType: tokens.tokenType,
      expiresAt: tokens.expiresAt,
      idToken: tokens.idToken || undefined,
      refreshToken: tokens.refreshToken || undefined,
      scope: tokens.scope,
    }),
    claims,
    user: claims ? userFromClaims(claims) : null,
  };
}

export function userFromClaims(claims: IdTokenClaims): SessionUser {
  const user: SessionUser = { sub: claims.sub };
  if (claims.name) user.name = claims.name;
  if (claims.nickname) user.nickname = claims.nickname;
  if (claims.email) user.email = claims.email;
  if (claims.email_verified !== undefined) user.emailVerified = claims.email_verified;
  if (claims.phone_number) user.phoneNumber = claims.phone_number;
  if (claims.picture) user.picture = claims.picture;
  return user;
}

/** A refresh keeps what the new response leaves out (Auth0 omits the refresh token without rotation). */
export function mergeRefreshed(previous: Session, next: Session): Session {
  return {
    tokens: {
      ...previous.tokens,
      ...next.tokens,
      refreshToken: next.tokens.refreshToken ?? previous.tokens.refreshToken,
    },
    claims: next.claims ?? previous.claims,
    user: next.user ?? previous.user,
  };
}
