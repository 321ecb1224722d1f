import { parseEventRequest } from '../browser-events.ts';
import { checkOrigin, json, readJson } from '../http.ts';
import { rateLimitHeaders, checkLimits } from '../limits.ts';
import type { RequestContext } from '../request-context.ts';
import { readFlow } from '../run-flow.ts';
import { advance, currentFlow } from './advance.ts';

/** `POST {basePath}/events` with `{ event, version }`: the chart's own events, one at a time. */
export async function postEvent(context: RequestContext): Promise<Response> {
  checkOrigin(context.request, context.trustedOrigins);
  const { event, version } = parseEventRequest(await readJson(context.request));
  const flow = await currentFlow(context);
  const before = readFlow(context.options, flow?.snapshot, flow?.discarded ?? false);
  const hit = await checkLimits(context, flow?.cookie.id ?? null, before, event);
  const result = await advance(context, flow, [event], version);
  return json({ version: result.version, view: result.view }, 200, {
    ...(hit ? rateLimitHeaders(hit) : {}),
    'set-cookie': context.setCookies,
  });
}
