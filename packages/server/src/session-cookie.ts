import type { IdTokenClaims, SessionTokens, SessionUser } from '@passwordless-xstate/core';
import type { ResolvedServerOptions } from './options.ts';
import { seal, unseal } from './seal.ts';

/**
 * What the built-in session cookie holds, sealed: the browser cannot read or change it. The ID
 * token itself is not kept (its validated claims are); `onAuthenticated` receives it.
 */
export interface ServerSession {
  tokens: Omit<SessionTokens, 'idToken'>;
  claims: IdTokenClaims | null;
  user: SessionUser | null;
  /** Milliseconds since the epoch. */
  createdAt: number;
  expiresAt: number;
}

const SESSION_FORMAT = 1;

export const sealSession = (options: ResolvedServerOptions, session: ServerSession) =>
  seal(options.secrets, 'session-cookie', { v: SESSION_FORMAT, ...session });

export async function openSession(
  options: ResolvedServerOptions,
  value: string | undefined,
): Promise<ServerSession | null> {
  if (!value) return null;
  const opened = (await unseal(options.secrets, 'session-cookie', value)) as
    (Partial<ServerSession> & { v?: number }) | null;
  if (!opened || opened.v !== SESSION_FORMAT || typeof opened.expiresAt !== 'number') return null;
  if (opened.expiresAt <= options.now() || typeof opened.tokens?.accessToken !== 'string') return null;
  const { v: _format, ...session } = opened;
  return session as ServerSession;
}
