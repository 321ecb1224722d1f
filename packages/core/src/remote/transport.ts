import type { PasswordlessErrorCode } from '../errors.ts';
import type { PasswordlessPublicView } from '../machine/public-view.ts';
import type { PasswordlessErrorInfo } from '../machine/types.ts';

/** What one request to the server came to: a flow to adopt, or an error to show (never a throw). */
export type RemoteAnswer =
  | {
      ok: true;
      version: number;
      view: PasswordlessPublicView;
      /** Another tab or request holds the flow: this is its last waiting state; look again then. */
      busy?: { retryAfter: number | undefined };
    }
  | { ok: false; error: PasswordlessErrorInfo };

export interface RemoteRequest {
  url: string;
  /** A JSON body makes it a POST; without one it is a GET. */
  body?: unknown;
  signal: AbortSignal;
  /** Finish even if the page is left meanwhile (signing out, then navigating away at once). */
  keepalive?: boolean;
}

/** The reason a request is aborted with when it took too long (see `isTimeout`). */
export const timeoutReason = () =>
  new DOMException('The sign-in service did not answer in time.', 'TimeoutError');

const isTimeout = (signal: AbortSignal) =>
  signal.aborted && signal.reason instanceof DOMException && signal.reason.name === 'TimeoutError';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// Enough to render it: a proxy's HTML page or a half-deployed server fails here, not in a component.
function isPublicView(value: unknown): value is PasswordlessPublicView {
  return (
    isRecord(value) &&
    typeof value.step === 'string' &&
    isRecord(value.can) &&
    isRecord(value.deadlines) &&
    typeof value.serverNow === 'number'
  );
}

function isFlowAnswer(
  body: unknown,
): body is { version: number; view: PasswordlessPublicView; busy?: unknown } {
  return (
    isRecord(body) &&
    typeof body.version === 'number' &&
    Number.isSafeInteger(body.version) &&
    body.version >= 0 &&
    isPublicView(body.view)
  );
}

const failure = (code: PasswordlessErrorCode, message: string, status?: number): RemoteAnswer => ({
  ok: false,
  error: { code, message, ...(status === undefined ? {} : { status }) },
});

const descriptionOf = (body: unknown, fallback: string) =>
  isRecord(body) && typeof body.error_description === 'string' ? body.error_description : fallback;

const isBusyRefusal = (body: unknown) => isRecord(body) && body.error === 'busy';

/** `Retry-After` as seconds: a number of seconds, or an HTTP date. */
function retryAfterSeconds(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** One request to the server's flow routes, answered as data whatever happens on the way. */
export async function exchange(
  fetchFn: typeof fetch,
  request: RemoteRequest,
  now: () => number,
): Promise<RemoteAnswer> {
  const post = request.body !== undefined;
  let response: Response;
  let body: unknown;
  try {
    response = await fetchFn(request.url, {
      method: post ? 'POST' : 'GET',
      credentials: 'same-origin',
      headers: post
        ? { accept: 'application/json', 'content-type': 'application/json' }
        : { accept: 'application/json' },
      ...(post ? { body: JSON.stringify(request.body) } : {}),
      ...(request.keepalive ? { keepalive: true } : {}),
      signal: request.signal,
    });
    body = await readBody(response);
  } catch {
    return isTimeout(request.signal)
      ? failure('timeout', 'The sign-in service did not answer in time. Please try again.')
      : failure('network', 'The sign-in service could not be reached. Check your connection and try again.');
  }
  const { status } = response;
  if (status === 429) {
    const retryAfter = retryAfterSeconds(response.headers.get('retry-after'), now());
    const message = descriptionOf(body, 'Too many attempts. Please wait a moment and try again.');
    return {
      ok: false,
      error: { code: 'rate_limited', message, status, ...(retryAfter === undefined ? {} : { retryAfter }) },
    };
  }
  // A 409 carries the flow as it now is (another tab or request moved it on): adopted like a 200.
  if ((status === 200 || status === 409) && isFlowAnswer(body)) {
    const busy = body.busy === true || (status === 409 && isBusyRefusal(body));
    if (!busy) return { ok: true, version: body.version, view: body.view };
    const retryAfter = retryAfterSeconds(response.headers.get('retry-after'), now());
    return { ok: true, version: body.version, view: body.view, busy: { retryAfter } };
  }
  if (status >= 400 && isRecord(body) && typeof body.error === 'string') {
    return failure(
      status >= 500 ? 'server' : 'bad_request',
      descriptionOf(body, `The sign-in service refused the request (${body.error}).`),
      status,
    );
  }
  return failure(
    status >= 500 ? 'server' : 'invalid_response',
    'The sign-in service answered with something unexpected. Please try again.',
    status,
  );
}
