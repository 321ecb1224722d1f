import { parseEventRequest } from '../browser-events.ts';
import { checkOrigin, json, readJson } from '../http.ts';
import { rateLimitHeaders, checkLimits } from '../limits.ts';
import type { RequestContext } from '../request-context.ts';
import { readFlow } from '../run-flow.ts';
import { openSession } from '../session-cookie.ts';
import { sessionView } from '../request-context.ts';
import { advance, currentFlow } from './advance.ts';

/** `POST {basePath}/events` with `{ event, version }`: the chart's own events, one at a time. */
export async function postEvent(context: RequestContext): Promise<Response> {
  checkOrigin(context.request, context.trustedOrigins);
  const { event, version } = parseEventRequest(await readJson(context.request));
  // Signed in meanwhile (the link opened in another tab): say so rather than start a new sign-in.
  const session = await openSession(context.options, context.cookies.get(context.names.session));
  if (session) return json({ version: 0, view: sessionView(context, session) });
  const flow = await currentFlow(context);
  const before = readFlow(context.options, flow?.snapshot, flow?.discarded ?? false);
  const hit = await checkLimits(context, flow?.cookie.id ?? null, before, event);
  const result = await advance(context, flow, [event], version);
  return json({ version: result.version, view: result.view }, 200, {
    ...(hit ? rateLimitHeaders(hit) : {}),
    'set-cookie': context.setCookies,
  });
}
