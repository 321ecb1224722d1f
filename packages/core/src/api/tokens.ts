import { missingField, optionalString, requireObject, requireString } from './wire.ts';

export interface TokenResult {
  accessToken: string;
  idToken?: string;
  refreshToken?: string;
  /** `Bearer` (or `DPoP`). */
  tokenType: string;
  /** Seconds, as sent by Auth0. */
  expiresIn: number;
  /** Milliseconds since the epoch, from the client's clock when the response arrived. */
  expiresAt: number;
  scope?: string;
  /** Present after a recovery-code login: the replacement code, to be shown to the user once. */
  recoveryCode?: string;
}

export function toTokenResult(data: unknown, status: number, nowMs: number): TokenResult {
  const body = requireObject(data, 'the token response', status);
  const accessToken = requireString(body, 'access_token', 'the token response', status);
  const tokenType = requireString(body, 'token_type', 'the token response', status);
  const rawExpiresIn = body.expires_in;
  const expiresIn = typeof rawExpiresIn === 'string' ? Number(rawExpiresIn) : rawExpiresIn;
  if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn)) {
    throw missingField('the token response', 'expires_in', status);
  }
  const result: TokenResult = { accessToken, tokenType, expiresIn, expiresAt: nowMs + expiresIn * 1000 };
  const idToken = optionalString(body, 'id_token');
  const refreshToken = optionalString(body, 'refresh_token');
  const scope = optionalString(body, 'scope');
  const recoveryCode = optionalString(body, 'recovery_code');
  if (idToken) result.idToken = idToken;
  if (refreshToken) result.refreshToken = refreshToken;
  if (scope !== undefined) result.scope = scope;
  if (recoveryCode) result.recoveryCode = recoveryCode;
  return result;
}
