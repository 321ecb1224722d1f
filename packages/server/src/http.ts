/** A refusal: the status, a stable `error` code and words for a developer reading the response. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
  }
}

export function json(body: unknown, status = 200, headers: Record<string, string | string[]> = {}): Response {
  const response = new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
  for (const [name, value] of Object.entries(headers)) {
    for (const item of Array.isArray(value) ? value : [value]) response.headers.append(name, item);
  }
  return response;
}

export const problemResponse = (problem: HttpProblem, extra: Record<string, unknown> = {}) =>
  json(
    { error: problem.error, error_description: problem.message, ...extra },
    problem.status,
    problem.headers,
  );

const MAX_BODY_BYTES = 16 * 1024;

/**
 * CSRF: a state-changing request must come from a trusted `Origin`, or, when a browser sends none,
 * be marked `Sec-Fetch-Site: same-origin`. A cross-site form post carries neither.
 */
export function checkOrigin(request: Request, trustedOrigins: readonly string[]): void {
  const origin = request.headers.get('origin');
  if (origin !== null) {
    if (!trustedOrigins.includes(origin)) {
      throw new HttpProblem(403, 'forbidden', `Requests from ${origin} are not allowed (trustedOrigins).`);
    }
    return;
  }
  if (request.headers.get('sec-fetch-site') !== 'same-origin') {
    throw new HttpProblem(403, 'forbidden', 'A POST needs an Origin header from a trusted origin.');
  }
}

async function readLimited(request: Request): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw new HttpProblem(413, 'payload_too_large', 'The body is too large.');
  const text = await request.text();
  if (new TextEncoder().encode(text).length > MAX_BODY_BYTES) {
    throw new HttpProblem(413, 'payload_too_large', 'The body is too large.');
  }
  return text;
}

/** The body of a JSON POST; `text/plain` or a form (what a cross-site page can send) is refused. */
export async function readJson(request: Request): Promise<unknown> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new HttpProblem(415, 'unsupported_media_type', 'Send the body as application/json.');
  }
  try {
    return JSON.parse(await readLimited(request)) as unknown;
  } catch (error) {
    if (error instanceof HttpProblem) throw error;
    throw new HttpProblem(400, 'invalid_request', 'The body is not valid JSON.');
  }
}

/** The fields of a form post (the magic-link confirm page works without JavaScript). */
export async function readForm(request: Request): Promise<URLSearchParams> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new HttpProblem(
      415,
      'unsupported_media_type',
      'Send the form as application/x-www-form-urlencoded.',
    );
  }
  return new URLSearchParams(await readLimited(request));
}
