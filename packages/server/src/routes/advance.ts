import type {
  PasswordlessEvent,
  PasswordlessPublicView,
  PasswordlessSnapshot,
} from '@passwordless-xstate/core';
import {
  formatFlowCookie,
  newFlowCookie,
  serializeCookie,
  clearCookie,
  parseFlowCookie,
} from '../cookies.ts';
import {
  claimFlow,
  commitFlow,
  createFlow,
  isLeased,
  loadFlow,
  releaseFlow,
  secondsUntilFree,
  type LoadedFlow,
} from '../flow-records.ts';
import { HttpProblem } from '../http.ts';
import { flowView, freshView, signedInView, type RequestContext } from '../request-context.ts';
import { readFlow, runFlow } from '../run-flow.ts';
import { sealSession } from '../session-cookie.ts';

export interface Advanced {
  version: number;
  view: PasswordlessPublicView;
  snapshot: PasswordlessSnapshot;
}

/** The flow the request's cookie names, or `null`; a cookie for a flow that is gone is cleared. */
export async function currentFlow(context: RequestContext): Promise<LoadedFlow | null> {
  const raw = context.cookies.get(context.names.flow);
  if (raw === undefined) return null;
  const cookie = parseFlowCookie(raw);
  if (!cookie) {
    context.setCookies.push(clearCookie(context.names.flow, context.secure));
    throw new HttpProblem(400, 'invalid_flow_cookie', 'The flow cookie is malformed; start again.');
  }
  const flow = await loadFlow(context.options, cookie);
  if (!flow) context.setCookies.push(clearCookie(context.names.flow, context.secure));
  return flow;
}

/** A refusal that carries the flow's current view, so the browser adopts it and nothing is lost. */
export function conflict(
  context: RequestContext,
  flow: LoadedFlow | null,
  error: string,
  description: string,
  headers: Record<string, string> = {},
) {
  const snapshot = readFlow(context.options, flow?.snapshot, flow?.discarded ?? false);
  return Object.assign(new HttpProblem(409, error, description, headers), {
    version: flow?.record.version ?? 0,
    view: flow ? flowView(context, snapshot) : freshView(context),
  });
}

// How soon a browser told "busy" should look again: the other request is usually done in seconds,
// and a flow whose request died is free when its lease runs out.
const BUSY_RECHECK_SECONDS = 2;

/** `Retry-After` for a flow that another request holds: when to look again. */
export const busyRetryAfter = (seconds: number) => String(Math.min(seconds, BUSY_RECHECK_SECONDS));

/** Another request holds the flow: its view as it stands, marked busy, and when to look again. */
function busy(context: RequestContext, flow: LoadedFlow, description: string, seconds: number) {
  return Object.assign(
    conflict(context, flow, 'busy', description, { 'retry-after': busyRetryAfter(seconds) }),
    { busy: true },
  );
}

/** What browsers keep of one cookie, less room for its name and attributes. */
const MAX_COOKIE_BYTES = 3900;

async function signIn(context: RequestContext, snapshot: PasswordlessSnapshot, flowId: string | null) {
  const { options } = context;
  const session = snapshot.context.session;
  if (!session) return;
  // No fixation: the flow (and its cookie) end here, and the session starts under a new seal.
  if (flowId) await options.store.delete(flowId);
  context.setCookies.push(clearCookie(context.names.flow, context.secure));
  const now = options.now();
  if (options.sessionCookie) {
    // The ID token was validated and its claims are kept; leaving it out keeps the cookie small.
    const { idToken: _validated, ...tokens } = session.tokens;
    const sealed = await sealSession(options, {
      ...session,
      tokens,
      createdAt: now,
      expiresAt: now + options.sessionTtlMs,
    });
    if (sealed.length > MAX_COOKIE_BYTES) {
      // Browsers drop a larger cookie without a word, which would look like a sign-in that did nothing.
      throw new Error(
        `The session cookie would be ${sealed.length} bytes, more than browsers keep; set sessionCookie: false and keep the tokens from onAuthenticated in your own session store.`,
      );
    }
    context.setCookies.push(
      serializeCookie(context.names.session, sealed, {
        secure: context.secure,
        maxAgeSeconds: Math.floor(options.sessionTtlMs / 1000),
      }),
    );
  }
  await options.onAuthenticated?.({ ...session, request: context.request });
}

/**
 * Moves a flow forward by `events`: claim it (so a concurrent request gets `409`), run the chart,
 * then commit the new waiting state, or on sign-in delete the flow and start the session.
 */
export async function advance(
  context: RequestContext,
  flow: LoadedFlow | null,
  events: PasswordlessEvent[],
  expectedVersion: number,
): Promise<Advanced> {
  const { options } = context;
  if (flow && isLeased(options, flow.record)) {
    const seconds = secondsUntilFree(options, flow.record);
    throw busy(context, flow, 'Another request is moving this sign-in forward.', seconds);
  }
  if ((flow?.record.version ?? 0) !== expectedVersion) {
    throw conflict(
      context,
      flow,
      'stale_version',
      'The sign-in moved on in another tab or request; here is where it is now.',
    );
  }
  const claimed = flow ? await claimFlow(options, flow) : null;
  // Another request claimed it a moment ago, and will most likely answer within a second or two.
  if (flow && !claimed) throw busy(context, flow, 'Another request is moving this sign-in forward.', 1);
  let result: Awaited<ReturnType<typeof runFlow>>;
  try {
    result = await runFlow(options, {
      snapshot: flow?.snapshot,
      discarded: flow?.discarded ?? false,
      events,
      forwardedFor: context.ip,
      redirectUri: context.redirectUri,
      signal: context.request.signal,
    });
  } catch (error) {
    // Free the flow at its last waiting state, so the next request can go on from there.
    if (flow && claimed) await releaseFlow(options, flow.cookie.id, claimed);
    throw error;
  }
  const { snapshot, persisted } = result;
  if (snapshot.matches('authenticated')) {
    await signIn(context, snapshot, flow?.cookie.id ?? null);
    return { version: 0, view: signedInView(context, snapshot), snapshot };
  }
  if (flow && claimed) {
    let committed: Awaited<ReturnType<typeof commitFlow>>;
    try {
      committed = await commitFlow(options, flow.cookie.id, claimed, persisted);
    } catch (error) {
      // The store failed after the chart ran: free the flow at its last waiting state if it can,
      // so the person can go on at once instead of waiting for the lease to run out.
      await releaseFlow(options, flow.cookie.id, claimed).catch(() => {});
      throw error;
    }
    if (!committed) throw busy(context, flow, 'This sign-in was taken over by another request.', 1);
    return { version: committed.version, view: flowView(context, snapshot), snapshot };
  }
  const cookie = newFlowCookie();
  const record = await createFlow(options, cookie, persisted);
  context.setCookies.push(
    serializeCookie(context.names.flow, formatFlowCookie(cookie), {
      secure: context.secure,
      maxAgeSeconds: Math.floor(options.flowTtlMs / 1000),
    }),
  );
  return { version: record.version, view: flowView(context, snapshot), snapshot };
}
