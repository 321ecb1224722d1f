import { getRequestIP, H3, HTTPError, type H3Event } from 'h3';
import { isAuth0HttpError } from './body.ts';
import { preflight, withCors } from './cors.ts';
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

interface RegisteredRoute {
  method: Method | 'HEAD';
  pattern: RegExp;
}

const toPattern = (path: string) =>
  new RegExp(`^${path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]+/g, '[^/]+')}/?$`);

const safeDecode = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

export interface RouteOptions {
  /** Also answer HEAD for a GET route (default); off for GETs with side effects. */
  head?: boolean;
}

export interface Router {
  app: H3;
  on(method: Method, path: string, handler: RouteHandler, options?: RouteOptions): void;
  /** Unknown paths get 404; known paths with another method 405 and an `Allow` header. */
  fallback(): void;
}

/**
 * Creates the h3 app and registers handlers so that every failure, including h3's own (a malformed
 * URL), is answered in Auth0's JSON shape with CORS headers for allowed origins, never a stack trace.
 */
export function createRouter(state: EmulatorState): Router {
  const routes: RegisteredRoute[] = [];
  const fail = (request: Request, error: unknown): Response => {
    if (isAuth0HttpError(error))
      return withCors(state, request, json(error.body, error.status, error.headers));
    if (HTTPError.isError(error) && error.status < 500) {
      const body = { error: 'invalid_request', error_description: 'The request could not be parsed.' };
      return withCors(state, request, json(body, error.status));
    }
    state.log(`[emulator] internal error on ${request.method} ${request.url}: ${String(error)}`);
    return withCors(
      state,
      request,
      json({ error: 'server_error', error_description: 'Internal error.' }, 500),
    );
  };

  const app = new H3({ silent: true, onError: (error, event) => fail(event.req, error) });

  const wrap = (handler: RouteHandler) => async (event: H3Event) => {
    const request = event.req;
    try {
      const context: RouteContext = {
        state,
        request,
        url: new URL(request.url),
        ip: getRequestIP(event) ?? '127.0.0.1',
        param: (name) => {
          const value = event.context.params?.[name];
          return value === undefined ? undefined : safeDecode(value);
        },
      };
      return withCors(state, request, await handler(context));
    } catch (error) {
      return fail(request, error);
    }
  };

  app.options('/**', (event) => preflight(state, event.req));

  return {
    app,
    on(method: Method, path: string, handler: RouteHandler, options: RouteOptions = {}) {
      // h3 drops the body of HEAD answers; monitors and curl -I expect HEAD wherever GET works.
      const withHead = method === 'GET' && options.head !== false;
      for (const registered of withHead ? (['GET', 'HEAD'] as const) : [method]) {
        routes.push({ method: registered, pattern: toPattern(path) });
        app.on(registered, path, wrap(handler));
      }
    },
    fallback() {
      app.all(
        '/**',
        wrap(({ request, url }) => {
          const allowed = routes.filter((route) => route.pattern.test(url.pathname)).map((r) => r.method);
          if (allowed.length === 0) {
            const description = `No route for ${request.method} ${url.pathname}.`;
            return json({ error: 'not_found', error_description: description }, 404);
          }
          const allow = [...new Set(allowed)].join(', ');
          const description = `Method ${request.method} is not allowed on ${url.pathname}; use ${allow}.`;
          return json({ error: 'method_not_allowed', error_description: description }, 405, { allow });
        }),
      );
    },
  };
}
