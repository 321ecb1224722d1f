import type { ErrorSpec } from './config.ts';

export interface Auth0ErrorBody {
  error: string;
  error_description: string;
  error_uri?: string;
  [extra: string]: unknown;
}

/** Thrown by route handlers; turned into Auth0's `{ error, error_description }` JSON by the router. */
export class Auth0HttpError extends Error {
  readonly status: number;
  readonly body: Auth0ErrorBody;
  readonly headers: Record<string, string>;

  constructor(status: number, body: Auth0ErrorBody, headers: Record<string, string> = {}) {
    super(`${status} ${body.error}: ${body.error_description}`);
    this.name = 'Auth0HttpError';
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

export function auth0Error(
  status: number,
  error: string,
  errorDescription: string,
  extra: Record<string, unknown> = {},
): Auth0HttpError {
  return new Auth0HttpError(status, { error, error_description: errorDescription, ...extra });
}

export function fromSpec(spec: ErrorSpec, headers: Record<string, string> = {}): Auth0HttpError {
  return new Auth0HttpError(
    spec.status,
    { error: spec.error, error_description: spec.error_description },
    headers,
  );
}

export function grantNotAllowed(grantType: string): Auth0HttpError {
  return auth0Error(403, 'unauthorized_client', `Grant type '${grantType}' not allowed for the client.`, {
    error_uri: 'https://auth0.com/docs/clients/client-grant-types',
  });
}

/** Adds headers (a rate limit's) to an error on its way out; the error's own headers win. */
export function withErrorHeaders(error: unknown, headers: Record<string, string>): unknown {
  if (!(error instanceof Auth0HttpError) || Object.keys(headers).length === 0) return error;
  return new Auth0HttpError(error.status, error.body, { ...headers, ...error.headers });
}
