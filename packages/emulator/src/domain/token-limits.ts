import type { BucketState } from '../bucket.ts';
import { GRANT } from '../config.ts';
import type { RequestBody } from '../body.ts';
import type { EmulatorState } from '../state.ts';
import { limitHeaders, rateLimited } from './rate-limit.ts';

/** The grants that guess a code: the ones a brute force would hammer. */
const limitedGrants = new Set<string>([
  GRANT.passwordlessOtp,
  GRANT.mfaOtp,
  GRANT.mfaOob,
  GRANT.mfaRecoveryCode,
]);

/**
 * Takes one request from every bucket that applies to this token call (the endpoint's, per address;
 * the OOB exchange's, per `mfa_token`). Throws the 429 when one is empty; otherwise returns the
 * `x-ratelimit-*` headers of the tightest, for the answer whatever it turns out to be.
 */
export function takeTokenLimits(
  state: EmulatorState,
  grantType: string,
  body: RequestBody,
  address: string,
): Record<string, string> {
  if (!limitedGrants.has(grantType)) return {};
  const taken: Array<{ allowed: boolean } & BucketState> = [state.tokenLimits.take(address)];
  if (grantType === GRANT.mfaOob && typeof body.mfa_token === 'string') {
    taken.push(state.mfaOobLimits.take(body.mfa_token));
  }
  const refused = taken.find((bucket) => !bucket.allowed);
  if (refused) throw rateLimited(state, refused);
  const tightest = taken.reduce((a, b) => (b.remaining / b.limit < a.remaining / a.limit ? b : a));
  return limitHeaders(state, tightest, false);
}
