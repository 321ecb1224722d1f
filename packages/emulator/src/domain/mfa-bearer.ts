import { fromSpec } from '../errors.ts';
import type { EmulatorState } from '../state.ts';
import { mfaAudience, verifyAccessToken } from '../tokens.ts';
import type { UserRecord } from '../users.ts';

export type MfaBearer =
  | { kind: 'mfa_token'; mfaToken: string; user: UserRecord }
  | { kind: 'access_token'; scopes: Set<string>; user: UserRecord };

const bearerOf = (request: Request) => {
  const header = request.headers.get('authorization') ?? '';
  return header.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : undefined;
};

/** `/mfa/*` accepts an `mfa_token`, or an access token for the `https://{domain}/mfa/` audience. */
export async function resolveMfaBearer(state: EmulatorState, request: Request): Promise<MfaBearer> {
  const token = bearerOf(request);
  const invalid = () =>
    fromSpec(state.config.unconfirmed.invalidBearer, {
      'www-authenticate': `Bearer error="invalid_token", error_description="${state.config.unconfirmed.invalidBearer.error_description}"`,
    });
  if (!token) throw invalid();
  const transaction = state.mfaTransactions.get(token);
  if (transaction) {
    const user = state.users.get(transaction.userId);
    if (!user || state.now() >= transaction.expiresAt) throw invalid();
    return { kind: 'mfa_token', mfaToken: token, user };
  }
  const payload = await verifyAccessToken(state, token, mfaAudience(state));
  const user = payload?.sub ? state.users.get(payload.sub) : undefined;
  if (!payload || !user) throw invalid();
  return { kind: 'access_token', scopes: new Set((payload.scope ?? '').split(' ')), user };
}

export function requireScope(state: EmulatorState, bearer: MfaBearer, scope: string): void {
  if (bearer.kind === 'access_token' && !bearer.scopes.has(scope)) {
    throw fromSpec({
      ...state.config.unconfirmed.invalidBearer,
      status: 403,
      error: 'insufficient_scope',
      error_description: `Insufficient scope, expected: ${scope}`,
    });
  }
}

export { bearerOf };
