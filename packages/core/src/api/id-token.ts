import { PasswordlessError } from '../errors.ts';
import { checkClaims } from './id-token-claims.ts';
import type { IdTokenClaims } from './id-token-claims.ts';
import { resolveJwks } from './jwks.ts';
import type { JwksSource } from './jwks.ts';

export type { IdTokenClaims } from './id-token-claims.ts';
export type { JwksSource } from './jwks.ts';

export interface ValidateIdTokenOptions {
  /** `https://{domain}/`; a missing trailing slash is added (Auth0 always issues with one). */
  issuer: string;
  clientId: string;
  /** The nonce sent with the request; when omitted, a token that carries a nonce is rejected. */
  nonce?: string;
  /** Seconds, as sent in `max_age`; requires `auth_time`. */
  maxAge?: number;
  /** Clock tolerance for `exp` and `auth_time`; Auth0's SDKs all use 60. */
  leewaySeconds?: number;
  /** Milliseconds since the epoch. */
  now?: () => number;
  /** Default `${issuer}.well-known/jwks.json`. */
  jwks?: JwksSource;
  /**
   * Minimum time between two JWKS fetches triggered by unknown `kid`s (default 30 000 ms), so that
   * tokens with random `kid`s cannot make us hammer the tenant.
   */
  jwksCooldownMs?: number;
}

const invalid = (message: string, cause?: unknown): PasswordlessError =>
  new PasswordlessError('id_token_invalid', cause === undefined ? { message } : { message, cause });

function joseCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function keyFailure(error: unknown, kid: string | undefined): PasswordlessError {
  switch (joseCode(error)) {
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return invalid(`Could not find a public key for Key ID (kid) "${kid ?? ''}"`, error);
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return invalid('Invalid ID token signature', error);
    case 'ERR_JWKS_TIMEOUT':
      return new PasswordlessError('timeout', {
        message: 'Timed out fetching the signing keys.',
        cause: error,
      });
    case 'ERR_JWKS_INVALID':
    case 'ERR_JOSE_GENERIC':
      return new PasswordlessError('invalid_response', {
        message: 'The signing keys (JWKS) could not be read.',
        cause: error,
      });
    case undefined:
      return new PasswordlessError('network', { message: 'Could not fetch the signing keys.', cause: error });
    default:
      return invalid('ID token could not be decoded', error);
  }
}

/**
 * Validates an Auth0 ID token the way Auth0's SDKs do: RS256 only, signature by `kid` from the
 * tenant JWKS, then iss / sub / aud / exp / iat / nonce / azp / auth_time. Rejects with
 * `id_token_invalid` and the SDKs' messages.
 */
export async function validateIdToken(
  idToken: string,
  options: ValidateIdTokenOptions,
): Promise<IdTokenClaims> {
  // Imported here so that bundles which never validate a token do not carry jose.
  const jose = await import('jose');
  const issuer = options.issuer.endsWith('/') ? options.issuer : `${options.issuer}/`;

  let header: ReturnType<typeof jose.decodeProtectedHeader>;
  try {
    header = jose.decodeProtectedHeader(idToken);
  } catch (error) {
    throw invalid('ID token could not be decoded', error);
  }
  if (header.alg !== 'RS256') {
    throw invalid(
      `Signature algorithm of "${String(header.alg)}" is not supported. Expected the ID token to be signed with "RS256"`,
    );
  }

  const getKey = resolveJwks(jose, options.jwks, issuer, options.jwksCooldownMs ?? 30_000);
  let payload: Uint8Array;
  try {
    ({ payload } = await jose.compactVerify(idToken, getKey, { algorithms: ['RS256'] }));
  } catch (error) {
    throw keyFailure(error, header.kid);
  }

  let claims: unknown;
  try {
    claims = JSON.parse(new TextDecoder().decode(payload));
  } catch (error) {
    throw invalid('ID token could not be decoded', error);
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
    throw invalid('ID token could not be decoded');
  }

  const expectations = {
    issuer,
    clientId: options.clientId,
    leewaySeconds: options.leewaySeconds ?? 60,
    now: Math.floor((options.now ?? Date.now)() / 1000),
    ...(options.nonce === undefined ? {} : { nonce: options.nonce }),
    ...(options.maxAge === undefined ? {} : { maxAge: options.maxAge }),
  };
  return checkClaims(claims as Record<string, unknown>, expectations);
}
