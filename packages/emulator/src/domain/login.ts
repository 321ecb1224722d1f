import type { ClientConfig } from '../config.ts';
import { auth0Error } from '../errors.ts';
import type { EmulatorState } from '../state.ts';
import { issueTokens, type TokenResponse } from '../tokens.ts';
import type { UserRecord } from '../users.ts';
import { mfaIsRequired, mfaRequiredError } from './mfa-policy.ts';

export interface PrimaryLogin {
  user: UserRecord;
  client: ClientConfig;
  scope: string;
  audience?: string;
  nonce?: string;
  allowRefresh: boolean;
}

/** The end of any first-factor login: blocked users stop here, MFA users get `mfa_required`, others tokens. */
export async function finishPrimaryLogin(state: EmulatorState, login: PrimaryLogin): Promise<TokenResponse> {
  if (login.user.blocked) throw auth0Error(401, 'unauthorized', 'user is blocked');
  if (mfaIsRequired(state, login.user, login.client, login.audience)) {
    throw mfaRequiredError(state, login.user, {
      clientId: login.client.clientId,
      audience: login.audience,
      scope: login.scope,
      nonce: login.nonce,
      allowRefresh: login.allowRefresh,
    });
  }
  return issueTokens(state, login);
}
