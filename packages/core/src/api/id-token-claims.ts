import { PasswordlessError } from '../errors.ts';

/** Claims of a validated Auth0 ID token (standard claim names, so snake_case). */
export interface IdTokenClaims {
  iss: string;
  sub: string;
  aud: string | string[];
  exp: number;
  iat: number;
  azp?: string;
  nonce?: string;
  auth_time?: number;
  amr?: string[];
  email?: string;
  email_verified?: boolean;
  name?: string;
  nickname?: string;
  picture?: string;
  phone_number?: string;
  [claim: string]: unknown;
}

export interface ClaimExpectations {
  issuer: string;
  clientId: string;
  nonce?: string;
  /** Accept a token without a nonce (one that carries a nonce must still match `nonce`). */
  nonceMayBeAbsent?: boolean;
  maxAge?: number;
  leewaySeconds: number;
  /** Seconds since the epoch. */
  now: number;
}

function fail(message: string): never {
  throw new PasswordlessError('id_token_invalid', { message });
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** The checks and messages of Auth0's SDKs (node-auth0 `id-token-validator`, Auth0.swift, Auth0.Android). */
export function checkClaims(claims: Record<string, unknown>, expected: ClaimExpectations): IdTokenClaims {
  const { issuer, clientId, leewaySeconds: leeway, now } = expected;
  const { iss, sub, aud, exp, iat, nonce, azp } = claims;

  if (typeof iss !== 'string') fail('Issuer (iss) claim must be a string present in the ID token');
  if (iss !== issuer)
    fail(`Issuer (iss) claim mismatch in the ID token; expected "${issuer}", found "${iss}"`);

  if (typeof sub !== 'string' || sub === '')
    fail('Subject (sub) claim must be a string present in the ID token');

  const audiences = typeof aud === 'string' ? [aud] : aud;
  if (!Array.isArray(audiences) || !audiences.every((value) => typeof value === 'string')) {
    fail('Audience (aud) claim must be a string or array of strings present in the ID token');
  }
  if (!audiences.includes(clientId)) {
    fail(
      Array.isArray(aud)
        ? `Audience (aud) claim mismatch in the ID token; expected "${clientId}" but was not one of "${aud.join(', ')}"`
        : `Audience (aud) claim mismatch in the ID token; expected "${clientId}" but found "${String(aud)}"`,
    );
  }

  if (!isNumber(exp)) fail('Expiration Time (exp) claim must be a number present in the ID token');
  if (now > exp + leeway) {
    fail(
      `Expiration Time (exp) claim error in the ID token; current time (${now}) is after expiration time (${exp + leeway})`,
    );
  }

  if (!isNumber(iat)) fail('Issued At (iat) claim must be a number present in the ID token');

  const absentNonceAllowed = nonce === undefined && expected.nonceMayBeAbsent === true;
  if (expected.nonce !== undefined && !absentNonceAllowed) {
    if (typeof nonce !== 'string') fail('Nonce (nonce) claim must be a string present in the ID token');
    if (nonce !== expected.nonce) {
      fail(`Nonce (nonce) claim mismatch in the ID token; expected "${expected.nonce}", found "${nonce}"`);
    }
  } else if (expected.nonce === undefined && nonce !== undefined) {
    // A nonce nobody asked for means the token was minted for another request (replay).
    fail('Nonce (nonce) claim was not expected in the ID token, but one was found');
  }

  if (audiences.length > 1) {
    if (typeof azp !== 'string') {
      fail(
        'Authorized Party (azp) claim must be a string present in the ID token when Audience (aud) claim has multiple values',
      );
    }
    if (azp !== clientId) {
      fail(`Authorized Party (azp) claim mismatch in the ID token; expected "${clientId}", found "${azp}"`);
    }
  }

  if (expected.maxAge !== undefined) {
    const authTime = claims.auth_time;
    if (!isNumber(authTime)) {
      fail(
        'Authentication Time (auth_time) claim must be a number present in the ID token when Max Age (max_age) is specified',
      );
    }
    const latest = authTime + expected.maxAge + leeway;
    if (now > latest) {
      fail(
        `Authentication Time (auth_time) claim in the ID token indicates that too much time has passed since the last end-user authentication. Current time (${now}) is after last auth at (${latest})`,
      );
    }
  }

  return claims as IdTokenClaims;
}
