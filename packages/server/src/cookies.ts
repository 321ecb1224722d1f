import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface CookieNames {
  flow: string;
  session: string;
  /** A refresh token whose revocation at logout failed, sealed; revoked again on the next visit. */
  revoke: string;
}

/** `__Host-` pins a cookie to this host and path `/` with `Secure`; it only exists over HTTPS. */
export const cookieNames = (secure: boolean): CookieNames =>
  secure
    ? { flow: '__Host-pwl-flow', session: '__Host-pwl-session', revoke: '__Host-pwl-revoke' }
    : { flow: 'pwl-flow', session: 'pwl-session', revoke: 'pwl-revoke' };

export function readCookies(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator <= 0) continue;
    const name = part.slice(0, separator).trim();
    // The first one wins, as browsers send the most specific cookie first.
    if (!cookies.has(name)) cookies.set(name, part.slice(separator + 1).trim());
  }
  return cookies;
}

export function serializeCookie(
  name: string,
  value: string,
  { secure, maxAgeSeconds }: { secure: boolean; maxAgeSeconds: number },
): string {
  const attributes = [`${name}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`];
  if (secure) attributes.push('Secure');
  return attributes.join('; ');
}

export const clearCookie = (name: string, secure: boolean) =>
  serializeCookie(name, '', { secure, maxAgeSeconds: 0 });

/**
 * A flow cookie is `<id>.<secret>`: the id finds the record, the secret proves the browser holds
 * it. The store keeps only the secret's hash, so a leaked store cannot be replayed as cookies.
 */
export interface FlowCookie {
  id: string;
  secret: string;
}

const TOKEN = /^[A-Za-z0-9_-]{22,64}$/;

export function newFlowCookie(): FlowCookie {
  return { id: randomBytes(16).toString('base64url'), secret: randomBytes(32).toString('base64url') };
}

export const formatFlowCookie = (cookie: FlowCookie) => `${cookie.id}.${cookie.secret}`;

export function parseFlowCookie(value: string | undefined): FlowCookie | null {
  if (value === undefined) return null;
  const [id = '', secret = '', extra] = value.split('.');
  return extra === undefined && TOKEN.test(id) && TOKEN.test(secret) ? { id, secret } : null;
}

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('base64url');

export function secretMatches(secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashSecret(secret));
  const stored = Buffer.from(storedHash);
  return given.length === stored.length && timingSafeEqual(given, stored);
}
