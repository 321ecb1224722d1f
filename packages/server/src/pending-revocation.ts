import { clearCookie, serializeCookie } from './cookies.ts';
import type { RequestContext } from './request-context.ts';
import { revokeRefreshToken } from './run-flow.ts';
import { seal, unseal } from './seal.ts';

// Auth0's longest default refresh-token lifetime; after it, the token is dead and nothing is left to do.
const KEEP_SECONDS = 30 * 24 * 60 * 60;
// A browser that signs out again and again while Auth0 is unreachable keeps its latest few.
const MAX_PENDING = 5;
const FORMAT = 1;

async function pendingTokens(context: RequestContext): Promise<string[]> {
  const value = context.cookies.get(context.names.revoke);
  if (!value) return [];
  const opened = (await unseal(context.options.secrets, 'pending-revocation', value)) as {
    v?: unknown;
    refreshTokens?: unknown;
  } | null;
  // A cookie that does not open (forged, another server's, an old format) holds nothing to revoke.
  if (opened?.v !== FORMAT || !Array.isArray(opened.refreshTokens)) return [];
  return opened.refreshTokens.filter((token): token is string => typeof token === 'string');
}

/**
 * Revokes this browser's pending refresh tokens and `more`; those Auth0 could not revoke now
 * (unreachable) are kept sealed in an HttpOnly cookie, which the browser cannot read, and tried
 * again on its next visit, as the browser mode retries on its way back to the first step.
 * Resolves `true` while any is still pending.
 */
export async function settleRevocations(context: RequestContext, more: string[] = []): Promise<boolean> {
  const hadCookie = context.cookies.has(context.names.revoke);
  const tokens = [...(await pendingTokens(context)), ...more];
  const results = await Promise.all(
    tokens.map((token) => revokeRefreshToken(context.options, token, context.ip)),
  );
  const pending = tokens.filter((_, index) => !results[index]).slice(-MAX_PENDING);
  if (pending.length === 0) {
    if (hadCookie) context.setCookies.push(clearCookie(context.names.revoke, context.secure));
    return false;
  }
  const sealed = await seal(context.options.secrets, 'pending-revocation', {
    v: FORMAT,
    refreshTokens: pending,
  });
  context.setCookies.push(
    serializeCookie(context.names.revoke, sealed, { secure: context.secure, maxAgeSeconds: KEEP_SECONDS }),
  );
  return true;
}
