import { getRequestIP, type H3, type H3Event } from 'h3';
import { isAuth0HttpError } from './body.ts';
import { matchesAny } from './glob.ts';
import { json } from './respond.ts';
import type { EmulatorState } from './state.ts';

export interface RouteContext {
  state: EmulatorState;
  request: Request;
  url: URL;
  /** The TCP peer address. */
  ip: string;
  param(name: string): string | undefined;
}

export type RouteHandler = (context: RouteContext) => Promise<Response> | Response;
type Method = 'GET' | 'POST' | 'DELETE';

const exposedHeaders =
  'x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset, retry-after, www-authenticate';
const allowedRequestHeaders =
  'authorization, content-type, auth0-client, x-request-language, accept-language, dpop';

/** Registers handlers that answer every failure in Auth0's JSON shape and add CORS headers for allowed origins. */
export function createRouter(app: H3, state: EmulatorState) {
  const allowedOrigins = () => [
    ...state.config.allowedOrigins,
    ...state.config.clients.flatMap((client) => client.webOrigins),
  ];

  const withCors = (request: Request, response: Response): Response => {
    const origin = request.headers.get('origin');
    if (!origin || !matchesAny(allowedOrigins(), origin)) return response;
    const headers = new Headers(response.headers);
    headers.set('access-control-allow-origin', origin);
    headers.set('access-control-allow-credentials', 'true');
    headers.set('access-control-expose-headers', exposedHeaders);
    headers.append('vary', 'Origin');
    return new Response(response.body, { status: response.status, headers });
  };

  const wrap = (handler: RouteHandler) => async (event: H3Event) => {
    const request = event.req;
    const context: RouteContext = {
      state,
      request,
      url: new URL(request.url),
      ip: getRequestIP(event) ?? '127.0.0.1',
      param: (name) => {
        const value = event.context.params?.[name];
        return value === undefined ? undefined : decodeURIComponent(value);
      },
    };
    try {
      return withCors(request, await handler(context));
    } catch (error) {
      if (isAuth0HttpError(error)) return withCors(request, json(error.body, error.status, error.headers));
      state.log(`[emulator] internal error on ${request.method} ${context.url.pathname}: ${String(error)}`);
      return withCors(request, json({ error: 'server_error', error_description: 'Internal error.' }, 500));
    }
  };

  app.options('/**', (event) =>
    withCors(
      event.req,
      new Response(null, {
        status: 204,
        headers: {
          'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
          'access-control-allow-headers': allowedRequestHeaders,
          'access-control-max-age': '600',
        },
      }),
    ),
  );

  return {
    on(method: Method, path: string, handler: RouteHandler) {
      app.on(method, path, wrap(handler));
    },
    fallback() {
      app.all(
        '/**',
        wrap(({ request, url }) =>
          json(
            { error: 'not_found', error_description: `No route for ${request.method} ${url.pathname}.` },
            404,
          ),
        ),
      );
    },
  };
}

export type Router = ReturnType<typeof createRouter>;
