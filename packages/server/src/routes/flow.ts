import { clearCookie } from '../cookies.ts';
import { checkOrigin, json, readJson } from '../http.ts';
import { flowView, freshView, sessionView, type RequestContext } from '../request-context.ts';
import { readFlow } from '../run-flow.ts';
import { settleRevocations } from '../pending-revocation.ts';
import { openSession } from '../session-cookie.ts';
import { isLeased, secondsUntilFree } from '../flow-records.ts';
import { busyRetryAfter, currentFlow } from './advance.ts';

/** `GET {basePath}/flow`: where the sign-in stands; changes nothing. */
export async function getFlow(context: RequestContext): Promise<Response> {
  const session = await openSession(context.options, context.cookies.get(context.names.session));
  if (session) return json({ version: 0, view: sessionView(context, session) });
  // A sign-out that could not revoke its refresh token is tried again on the next visit.
  const logoutIncomplete = await settleRevocations(context);
  const flow = await currentFlow(context);
  if (!flow) {
    const view = { ...freshView(context), logoutIncomplete };
    return json({ version: 0, view }, 200, { 'set-cookie': context.setCookies });
  }
  const view = {
    ...flowView(context, readFlow(context.options, flow.snapshot, flow.discarded)),
    logoutIncomplete,
  };
  if (isLeased(context.options, flow.record)) {
    // Its last waiting state, while another request moves it on: the browser looks again soon.
    const retryAfter = busyRetryAfter(secondsUntilFree(context.options, flow.record));
    return json({ version: flow.record.version, view, busy: true }, 200, {
      'set-cookie': context.setCookies,
      'retry-after': retryAfter,
    });
  }
  return json({ version: flow.record.version, view }, 200, { 'set-cookie': context.setCookies });
}

/** `POST {basePath}/logout`: revokes the refresh token, forgets the session and any flow. */
export async function postLogout(context: RequestContext): Promise<Response> {
  checkOrigin(context.request, context.trustedOrigins);
  await readJson(context.request);
  const { options, names, secure } = context;
  const session = await openSession(options, context.cookies.get(names.session));
  const refreshToken = session?.tokens.refreshToken;
  // Signing out always works here; a refresh token Auth0 could not revoke now is reported, and kept
  // (sealed, in this browser's cookie) to be revoked on the next visit.
  const logoutIncomplete = await settleRevocations(context, refreshToken ? [refreshToken] : []);
  const flow = await currentFlow(context).catch(() => null);
  if (flow) await options.store.delete(flow.cookie.id);
  const cookies = [
    clearCookie(names.session, secure),
    clearCookie(names.flow, secure),
    ...context.setCookies,
  ];
  return json({ version: 0, view: { ...freshView(context), logoutIncomplete } }, 200, {
    'set-cookie': cookies,
  });
}
