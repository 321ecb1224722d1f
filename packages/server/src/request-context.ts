import type { PasswordlessPublicView, PasswordlessSnapshot } from '@passwordless-xstate/core';
import { toPublicView } from '@passwordless-xstate/core';
import { clientIp } from './client-ip.ts';
import { cookieNames, readCookies, type CookieNames } from './cookies.ts';
import type { ResolvedServerOptions } from './options.ts';
import { readFlow } from './run-flow.ts';
import type { ServerSession } from './session-cookie.ts';

/** What every route needs to know about the request it answers. */
export interface RequestContext {
  options: ResolvedServerOptions;
  request: Request;
  url: URL;
  /** HTTPS: cookies get `Secure` and the `__Host-` prefix. */
  secure: boolean;
  names: CookieNames;
  cookies: Map<string, string>;
  /** The end user's IP (see `trustProxy`), or `null` when the host did not say. */
  ip: string | null;
  trustedOrigins: readonly string[];
  redirectUri: string;
  /** `Set-Cookie` values the response will carry. */
  setCookies: string[];
}

export interface RequestInfo {
  /** The socket's peer address (`toNodeHandler` passes it; other hosts should too). */
  remoteAddress?: string;
}

export function requestContext(
  options: ResolvedServerOptions,
  request: Request,
  info: RequestInfo,
): RequestContext {
  const url = new URL(request.url);
  const secure = url.protocol === 'https:';
  return {
    options,
    request,
    url,
    secure,
    names: cookieNames(secure),
    cookies: readCookies(request.headers.get('cookie')),
    ip: clientIp(info.remoteAddress, request.headers.get('x-forwarded-for'), options.trustProxy),
    trustedOrigins: options.trustedOrigins ?? [url.origin],
    redirectUri: options.flow?.redirectUri ?? `${url.origin}${options.basePath}/callback`,
    setCookies: [],
  };
}

/** The first screen, or the screen after a flow was discarded or has expired. */
export function freshView(context: RequestContext, discarded = false): PasswordlessPublicView {
  return toPublicView(readFlow(context.options, undefined, discarded), context.options.now());
}

/** Countdowns run from the server's clock now, not from when the flow was last stored. */
export const flowView = (context: RequestContext, snapshot: PasswordlessSnapshot) =>
  toPublicView(snapshot, context.options.now());

/** Signed in, the server keeps the session: signing out is all a browser may ask for. */
const onlyLogout = (can: PasswordlessPublicView['can']) =>
  Object.fromEntries(
    Object.keys(can).map((name) => [name, name === 'logout']),
  ) as PasswordlessPublicView['can'];

/** The view as sign-in completes (a new recovery code shown once included), with only logout allowed. */
export const signedInView = (
  context: RequestContext,
  snapshot: PasswordlessSnapshot,
): PasswordlessPublicView => {
  const view = flowView(context, snapshot);
  return { ...view, can: onlyLogout(view.can) };
};

/** A signed-in person, from the session cookie: who they are, and that they may sign out. */
export function sessionView(context: RequestContext, session: ServerSession): PasswordlessPublicView {
  const fresh = freshView(context);
  const can = onlyLogout(fresh.can);
  return {
    ...fresh,
    step: 'authenticated',
    identifier: session.user?.email ?? session.user?.phoneNumber ?? '',
    user: session.user,
    claims: session.claims,
    can,
  };
}
