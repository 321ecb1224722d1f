import { createFetch } from 'ofetch';
import { PasswordlessError } from '../errors.ts';
import type { PasswordlessErrorOptions } from '../errors.ts';
import { fromAuth0Error, rateLimitedError, readAuth0ErrorBody, readWwwAuthenticate } from './auth0-error.ts';
import type { HttpErrorContext } from './auth0-error.ts';
import type { ResolvedOptions } from './options.ts';
import { readRateLimit } from './rate-limit.ts';
import { isWireObject } from './wire.ts';
import type { WireObject } from './wire.ts';

export interface HttpRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: WireObject;
  bearer?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
  forwardedFor?: string | undefined;
  /** Retry once on a network error. Only for reads: a repeated start or code exchange sends a new
   * message or burns one of the 3 attempts. */
  idempotent?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

export interface Transport {
  /** Resolves with a 2xx response; every other outcome rejects with a `PasswordlessError`. */
  send(request: HttpRequest): Promise<HttpResponse>;
  /** Like `send`, then parses the JSON body (`undefined` for an empty one). */
  sendJson(request: HttpRequest): Promise<{ status: number; data: unknown }>;
}

type ParsedBody = { kind: 'empty' } | { kind: 'json'; value: unknown } | { kind: 'text' };

export function parseBody(text: string): ParsedBody {
  if (text.trim() === '') return { kind: 'empty' };
  try {
    return { kind: 'json', value: JSON.parse(text) };
  } catch {
    return { kind: 'text' };
  }
}

/** Non-2xx, or 2xx carrying an `error` member (auth0.js treats those as errors too). */
function httpError(response: HttpResponse, nowMs: number): PasswordlessError {
  const { status, headers, text } = response;
  const context: HttpErrorContext = { status, headers, nowMs };
  const parsed = parseBody(text);
  const body =
    (parsed.kind === 'json' ? readAuth0ErrorBody(parsed.value) : undefined) ??
    (status === 401 ? readWwwAuthenticate(headers) : undefined);
  if (body) return fromAuth0Error(body, context);
  if (status === 429) return rateLimitedError(context);
  if (status >= 500) {
    return new PasswordlessError('server', {
      status,
      message: `The authentication server had a problem (HTTP ${status}). Please try again later.`,
    });
  }
  const plain = parsed.kind === 'text' && /^text\/plain/i.test(headers.get('content-type') ?? '');
  const options: PasswordlessErrorOptions = {
    status,
    message: `The authentication server returned an unexpected response (HTTP ${status}).`,
  };
  // Short plain-text bodies are Auth0's own (e.g. the CORS "Origin … is not allowed." 403); HTML is a proxy page.
  if (plain && text.length <= 500) options.auth0Description = text.trim();
  const rateLimit = readRateLimit(headers);
  if (rateLimit) options.rateLimit = rateLimit;
  return new PasswordlessError('invalid_response', options);
}

/**
 * A browser reports a request its CORS check refused exactly as one that never left (a TypeError),
 * so a cross-origin failure names that cause too: a tenant whose Allowed Web Origins lack this site.
 */
function networkMessage(baseUrl: string): string | undefined {
  const here = (globalThis as { location?: { origin?: unknown } }).location?.origin;
  if (typeof here !== 'string' || here === 'null') return undefined;
  let there: string;
  try {
    there = new URL(baseUrl).origin;
  } catch {
    return undefined;
  }
  if (there === here) return undefined;
  return (
    'Cannot reach the authentication server. Check your connection; if you are online, the ' +
    `application may not allow this site: add ${here} to its Allowed Web Origins (and Allowed Origins (CORS)).`
  );
}

function failure(
  error: unknown,
  state: { timedOut: boolean; callerAborted: boolean },
  baseUrl: string,
): PasswordlessError {
  const name = error instanceof Error ? (error.cause instanceof Error ? error.cause.name : error.name) : '';
  if (state.callerAborted) return new PasswordlessError('aborted', { cause: error });
  if (state.timedOut || name === 'TimeoutError') return new PasswordlessError('timeout', { cause: error });
  if (name === 'AbortError') return new PasswordlessError('aborted', { cause: error });
  const message = networkMessage(baseUrl);
  return new PasswordlessError('network', message ? { cause: error, message } : { cause: error });
}

export function createTransport(options: ResolvedOptions): Transport {
  // Late-bound so a fetch polyfill installed after client creation is still used.
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const $fetch = createFetch({
    fetch: fetchImpl,
    defaults: { baseURL: options.baseUrl, retry: 0, ignoreResponseError: true, responseType: 'text' },
  });

  function headersFor(request: HttpRequest): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    if (options.telemetryHeader) headers['auth0-client'] = options.telemetryHeader;
    if (request.bearer !== undefined) headers.authorization = `Bearer ${request.bearer}`;
    const forwardedFor = request.forwardedFor ?? options.forwardedFor;
    // Auth0 only trusts this header on authenticated calls; without a secret it would be noise.
    if (options.clientSecret && forwardedFor) headers['auth0-forwarded-for'] = forwardedFor;
    return headers;
  }

  async function attempt(request: HttpRequest): Promise<HttpResponse> {
    const { signal } = request;
    if (signal?.aborted) throw new PasswordlessError('aborted', { cause: signal.reason });
    const controller = new AbortController();
    const state = { timedOut: false, callerAborted: false };
    const timer = setTimeout(() => {
      state.timedOut = true;
      // A plain Error rather than DOMException, which React Native lacks.
      controller.abort(Object.assign(new Error('The request timed out.'), { name: 'TimeoutError' }));
    }, options.timeoutMs);
    const onAbort = (): void => {
      state.callerAborted = true;
      controller.abort(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      // The signal stays armed until the body is read, so the timeout covers slow bodies too.
      const response = await $fetch.raw<string, 'text'>(request.path, {
        method: request.method,
        headers: headersFor(request),
        signal: controller.signal,
        ...(request.body === undefined ? {} : { body: request.body }),
      });
      const data: unknown = response._data;
      return {
        status: response.status,
        headers: response.headers,
        text: typeof data === 'string' ? data : '',
      };
    } catch (error) {
      throw failure(error, state, options.baseUrl);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async function send(request: HttpRequest): Promise<HttpResponse> {
    let response: HttpResponse;
    try {
      response = await attempt(request);
    } catch (error) {
      if (!request.idempotent || !(error instanceof PasswordlessError) || error.code !== 'network')
        throw error;
      response = await attempt(request);
    }
    if (response.status < 200 || response.status >= 300) throw httpError(response, options.now());
    return response;
  }

  async function sendJson(request: HttpRequest): Promise<{ status: number; data: unknown }> {
    const response = await send(request);
    const parsed = parseBody(response.text);
    if (parsed.kind === 'text') {
      throw new PasswordlessError('invalid_response', {
        status: response.status,
        message: 'The authentication server returned a response that is not JSON.',
      });
    }
    const data = parsed.kind === 'json' ? parsed.value : undefined;
    if (isWireObject(data) && typeof data.error === 'string') throw httpError(response, options.now());
    return { status: response.status, data };
  }

  return { send, sendJson };
}
