const jsonType = 'application/json; charset=utf-8';

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': jsonType, ...headers } });
}

export const empty = (status = 200, headers: Record<string, string> = {}) =>
  new Response(null, { status, headers });

export const redirect = (location: string) => new Response(null, { status: 302, headers: { location } });

export const html = (text: string) =>
  new Response(text, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } });
