import { STATUS_CODES } from 'node:http';

const jsonType = 'application/json; charset=utf-8';

/** A Response with the standard reason phrase, which Node would otherwise leave empty (`HTTP/1.1 200 `). */
export function respond(body: BodyInit | null, status: number, headers: HeadersInit = {}): Response {
  return new Response(body, { status, statusText: STATUS_CODES[status] ?? '', headers });
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  respond(JSON.stringify(body), status, { 'content-type': jsonType, ...headers });

export const empty = (status = 200, headers: Record<string, string> = {}) => respond(null, status, headers);

export const redirect = (location: string) => respond(null, 302, { location });

export const html = (text: string) => respond(text, 200, { 'content-type': 'text/html; charset=utf-8' });

/** For config values (tenant name, issuer) placed into the dev pages. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
