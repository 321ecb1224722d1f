import type { IdTokenClaims, ValidateIdTokenOptions } from './id-token.ts';
import { loadAuth0Calls } from './client.ts';

/**
 * Validates an Auth0 ID token the way Auth0's SDKs do: RS256 only, signature by `kid` from the
 * tenant JWKS, then iss / sub / aud / exp / iat / nonce / azp / auth_time. Rejects with
 * `id_token_invalid` and the SDKs' messages. The validator and jose load on first use,
 * with the client's calls.
 */
export async function validateIdToken(
  idToken: string,
  options: ValidateIdTokenOptions,
): Promise<IdTokenClaims> {
  const calls = await loadAuth0Calls();
  return calls.validateIdToken(idToken, options);
}
