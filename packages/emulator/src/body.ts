import { auth0Error, Auth0HttpError } from './errors.ts';

export type RequestBody = Record<string, unknown>;

/** The error family of the endpoint: `/passwordless/start` answers with `bad.*` codes, the rest with OAuth codes. */
export type ErrorFamily = 'oauth' | 'passwordless';

const badRequestCode = (family: ErrorFamily) =>
  family === 'passwordless' ? 'bad.request' : 'invalid_request';

/**
 * Reads a JSON or form-urlencoded body with a size limit. Anything else (malformed JSON, a JSON array,
 * a text body, an oversized body) becomes a 4xx in Auth0's shape, never an exception.
 */
export async function readRequestBody(
  request: Request,
  maxBytes: number,
  family: ErrorFamily,
): Promise<RequestBody> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const text = await readLimited(request, maxBytes);
  if (text.trim() === '') return {};

  const contentType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (contentType === 'application/json' || contentType.endsWith('+json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw auth0Error(400, badRequestCode(family), 'Invalid JSON in request body.');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw auth0Error(400, badRequestCode(family), 'Request body must be a JSON object.');
    }
    return parsed as RequestBody;
  }
  if (contentType === 'application/x-www-form-urlencoded') {
    return Object.fromEntries(new URLSearchParams(text));
  }
  throw auth0Error(
    400,
    badRequestCode(family),
    `Unsupported Content-Type "${contentType || '(none)'}": send application/json or application/x-www-form-urlencoded.`,
  );
}

async function readLimited(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const tooLarge = (maxBytes: number) =>
  auth0Error(413, 'request_entity_too_large', `Request body is larger than ${maxBytes} bytes.`);

/** A string field, or undefined when absent; a present field of another type is a 400. */
export function optionalString(
  body: RequestBody,
  name: string,
  family: ErrorFamily = 'oauth',
): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw family === 'passwordless'
      ? auth0Error(
          400,
          `bad.${name}`,
          `error in ${name} - invalid type: ${typeName(value)} (expected string)`,
        )
      : auth0Error(400, 'invalid_request', `Invalid parameter ${name}: expected a string.`);
  }
  return value;
}

export function requiredString(body: RequestBody, name: string): string {
  const value = optionalString(body, name);
  if (value === undefined || value === '')
    throw auth0Error(400, 'invalid_request', `Missing required parameter: ${name}`);
  return value;
}

export function typeName(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value;
}

export function isAuth0HttpError(error: unknown): error is Auth0HttpError {
  return error instanceof Auth0HttpError;
}
