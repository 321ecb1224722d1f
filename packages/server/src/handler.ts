import { HttpProblem, json, problemResponse } from './http.ts';
import { StoreTimeoutError } from './store/timed.ts';
import { resolveServerOptions, type PasswordlessServerOptions } from './options.ts';
import { requestContext, type RequestContext, type RequestInfo } from './request-context.ts';
import { getCallback, postCallback } from './routes/callback.ts';
import { postEvent } from './routes/events.ts';
import { getFlow, postLogout } from './routes/flow.ts';
import { openSession, type ServerSession } from './session-cookie.ts';

export interface PasswordlessServer {
  /** Where the routes live, e.g. `/auth/passwordless`. */
  readonly basePath: string;
  /** Answers a request under `basePath`, or `null` for any other path (pass it on). */
  handle(request: Request, info?: RequestInfo): Promise<Response | null>;
  /** Like `handle`, with `404` for paths outside `basePath`. */
  handler(request: Request, info?: RequestInfo): Promise<Response>;
  /** The signed-in session of a request (built-in session cookie), for your own routes. */
  getSession(request: Request): Promise<ServerSession | null>;
}

type Route = (context: RequestContext) => Response | Promise<Response>;

const routes: Record<string, Partial<Record<string, Route>>> = {
  '/flow': { GET: getFlow },
  '/events': { POST: postEvent },
  '/callback': { GET: getCallback, POST: postCallback },
  '/logout': { POST: postLogout },
};

/** Answers a thrown refusal in its shape, and anything else as a 500 that reveals nothing. */
function failure(error: unknown, context: RequestContext): Response {
  if (error instanceof HttpProblem) {
    const carried = error as HttpProblem & { version?: number; view?: unknown; busy?: boolean };
    const extra =
      'view' in carried
        ? { version: carried.version, view: carried.view, ...(carried.busy ? { busy: true } : {}) }
        : {};
    const response = problemResponse(error, extra);
    for (const cookie of context.setCookies) response.headers.append('set-cookie', cookie);
    return response;
  }
  console.error(
    `[passwordless-xstate/server] ${context.request.method} ${context.url.pathname} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : typeof error}`,
  );
  if (error instanceof StoreTimeoutError) {
    return json(
      {
        error: 'temporarily_unavailable',
        error_description: 'The sign-in service is not answering right now. Please try again in a moment.',
      },
      503,
      { 'retry-after': '2' },
    );
  }
  return json(
    { error: 'server_error', error_description: 'The sign-in service had a problem. Please try again.' },
    500,
  );
}

/**
 * The passwordless flow on your server for a Regular Web Application: the browser posts the
 * chart's events, the server runs the chart with the client secret and the end user's IP, keeps
 * the flow sealed in `store`, and answers with a view that holds no code, token or secret.
 */
export function createPasswordlessServer(options: PasswordlessServerOptions): PasswordlessServer {
  const resolved = resolveServerOptions(options);
  const { basePath } = resolved;

  async function handle(request: Request, info: RequestInfo = {}): Promise<Response | null> {
    const { pathname } = new URL(request.url);
    if (pathname !== basePath && !pathname.startsWith(`${basePath}/`)) return null;
    const byMethod = routes[pathname.slice(basePath.length)];
    if (!byMethod) return json({ error: 'not_found', error_description: `No route ${pathname}.` }, 404);
    const route = byMethod[request.method];
    if (!route) {
      return json(
        { error: 'method_not_allowed', error_description: `${request.method} is not allowed here.` },
        405,
        {
          allow: Object.keys(byMethod).join(', '),
        },
      );
    }
    const context = requestContext(resolved, request, info);
    try {
      return await route(context);
    } catch (error) {
      return failure(error, context);
    }
  }

  return {
    basePath,
    handle,
    handler: async (request, info) =>
      (await handle(request, info)) ?? json({ error: 'not_found', error_description: 'Not found.' }, 404),
    getSession: (request) => {
      const context = requestContext(resolved, request, {});
      return openSession(resolved, context.cookies.get(context.names.session));
    },
  };
}
