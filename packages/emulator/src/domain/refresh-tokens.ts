import { auth0Error } from '../errors.ts';
import { opaqueToken } from '../ids.ts';
import type { EmulatorState, RefreshTokenRecord } from '../state.ts';

/*
 * Refresh-token rotation with Auth0's automatic reuse detection
 * (https://auth0.com/docs/secure/tokens/refresh-tokens/refresh-token-rotation): a rotated token is
 * spent, and presenting a spent token revokes its whole family, because the server cannot tell
 * whether the legitimate client or a thief holds the newest one.
 */

const invalidRefreshToken = () => auth0Error(403, 'invalid_grant', 'Unknown or invalid refresh token.');

/** The record behind a usable `token` of `clientId`; presenting a spent token revokes its family. */
export function findRefreshToken(state: EmulatorState, token: string, clientId: string): RefreshTokenRecord {
  const record = state.refreshTokens.get(token);
  if (!record || record.clientId !== clientId) throw invalidRefreshToken();
  if (record.rotatedAt !== undefined && !inOverlapPeriod(state, token, record.rotatedAt, record.family)) {
    revokeFamily(state, record.family);
    throw invalidRefreshToken();
  }
  return record;
}

/**
 * Spends `token` and stores its replacement without awaiting anything in between: of two concurrent
 * refreshes with one token, the second then finds it spent and counts as reuse.
 */
export function rotateRefreshToken(state: EmulatorState, token: string, record: RefreshTokenRecord): string {
  if (record.rotatedAt === undefined) {
    record.rotatedAt = state.now();
    state.lastRotatedRefreshToken.set(record.family, token);
  }
  const replacement = opaqueToken();
  // The replacement keeps the original grant even when this call asked for a narrower scope.
  const { rotatedAt: _spent, ...grant } = record;
  state.refreshTokens.set(replacement, grant);
  return replacement;
}

/** Auth0 lets only the token spent last through again, and only within the overlap period. */
function inOverlapPeriod(state: EmulatorState, token: string, rotatedAt: number, family: string): boolean {
  const overlapMs = state.config.tokens.refreshTokenRotationOverlapSeconds * 1000;
  return state.lastRotatedRefreshToken.get(family) === token && state.now() < rotatedAt + overlapMs;
}

function revokeFamily(state: EmulatorState, family: string): void {
  for (const [token, record] of state.refreshTokens) {
    if (record.family === family) state.refreshTokens.delete(token);
  }
  state.lastRotatedRefreshToken.delete(family);
}
