import * as rules from '../rules.ts';
import { mergeRefreshed } from '../session-from-tokens.ts';
import type { Session } from '../types.ts';
import { errorOf, retryAfterOf, update } from './update.ts';

/** Signed in: the session, its refresh, and a logout that could not revoke yet. */
export const sessionActions = {
  startSession: update(({ context }, params: { session: Session }) => ({
    session: params.session,
    refresh: { at: rules.plannedRefreshAt(context, params.session.tokens.expiresAt), failures: 0 },
    mfa: null,
    error: null,
    codeSentAt: null,
    codeExpiresAt: null,
    resendAvailableAt: null,
    magicLink: null,
    device: { ...context.device, previousSend: null },
  })),
  keepPendingRevocation: update(({ context }) => {
    const refreshToken = context.session?.tokens.refreshToken;
    return refreshToken ? { device: { ...context.device, pendingRevocation: { refreshToken } } } : {};
  }),
  forgetPendingRevocation: update(({ context }) => ({
    device: { ...context.device, pendingRevocation: null },
  })),
  keepNewRecoveryCode: update((_, params: { code: string | null }) => ({ newRecoveryCode: params.code })),
  forgetNewRecoveryCode: update(() => ({ newRecoveryCode: null })),
  updateSession: update(({ context }, params: { session: Session }) => ({
    session: context.session ? mergeRefreshed(context.session, params.session) : params.session,
    refresh: { at: rules.plannedRefreshAt(context, params.session.tokens.expiresAt), failures: 0 },
    error: null,
  })),
  scheduleRefreshRetry: update(({ context, event }) => {
    const failures = (context.refresh?.failures ?? 0) + 1;
    return {
      refresh: { at: rules.refreshRetryAt(context, failures, retryAfterOf(errorOf(event))), failures },
    };
  }),
};
