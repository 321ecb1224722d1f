import { matchesAny } from './glob.ts';
import { respond } from './respond.ts';
import type { EmulatorState } from './state.ts';

const exposedHeaders =
  'x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset, retry-after, www-authenticate';
const allowedRequestHeaders =
  'authorization, content-type, auth0-client, auth0-forwarded-for, x-request-language, accept-language, dpop';

/** Allowed Origins: the config's extra list plus every client's `webOrigins`. */
function allowedOrigin(state: EmulatorState, request: Request): string | undefined {
  const origin = request.headers.get('origin');
  if (!origin) return undefined;
  const patterns = [...state.config.allowedOrigins, ...state.config.clients.flatMap((c) => c.webOrigins)];
  return matchesAny(patterns, origin) ? origin : undefined;
}

/** Adds CORS headers for an allowed origin; a foreign origin gets none, so the browser blocks it. */
export function withCors(state: EmulatorState, request: Request, response: Response): Response {
  const origin = allowedOrigin(state, request);
  if (!origin) return response;
  const headers = new Headers(response.headers);
  headers.set('access-control-allow-origin', origin);
  headers.set('access-control-allow-credentials', 'true');
  headers.set('access-control-expose-headers', exposedHeaders);
  headers.append('vary', 'Origin');
  return respond(response.body, response.status, headers);
}

/** Answers a preflight; the allow-* headers are only granted to allowed origins. */
export function preflight(state: EmulatorState, request: Request): Response {
  if (!allowedOrigin(state, request)) return respond(null, 204, { vary: 'Origin' });
  const response = respond(null, 204, {
    'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
    'access-control-allow-headers': allowedRequestHeaders,
    'access-control-max-age': '600',
  });
  return withCors(state, request, response);
}
