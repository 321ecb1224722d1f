import { compact } from '../compact.ts';
import { clientAuth, type CallOptions, type ClientContext } from './context.ts';
import { missingField, optionalString, requireObject, requireString, type WireObject } from './wire.ts';

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

/** `POST /oauth/token`: every grant goes through here, with the client's authentication added. */
export async function requestTokens(
  context: ClientContext,
  params: CallOptions,
  grant: WireObject,
): Promise<TokenResult> {
  const { status, data } = await context.transport.sendJson({
    method: 'POST',
    path: 'oauth/token',
    body: compact({ ...grant, ...clientAuth(context) }),
    signal: params.signal,
    forwardedFor: params.forwardedFor,
  });
  return toTokenResult(data, status, context.options.now());
}
