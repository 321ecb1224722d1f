import { PasswordlessError } from '../errors.ts';
import { withOpenid } from './scope.ts';
import { defaultTelemetry, encodeTelemetry } from './telemetry.ts';
import type { Telemetry } from './telemetry.ts';

export interface Auth0ClientOptions {
  /** Tenant or custom domain, e.g. `example.eu.auth0.com`; becomes `https://{domain}/`. */
  domain?: string;
  /** Full base URL instead of `domain`, e.g. `http://127.0.0.1:4000/` for the emulator. */
  baseUrl?: string;
  clientId: string;
  /** Confidential (regular web) apps only; sent as `client_secret` in the body. Refused in browsers. */
  clientSecret?: string;
  /** Only for tests and trusted kiosks; a secret in a browser bundle is public. */
  dangerouslyAllowSecretInBrowser?: boolean;
  audience?: string;
  /** Default `openid profile email phone offline_access`; `openid` is always added. */
  scope?: string;
  /** Per request, including reading the body. Default 10 000 (the Android and Node SDKs' value). */
  timeoutMs?: number;
  /**
   * End-user IP sent as `auth0-forwarded-for` so Auth0's per-IP limits (50 starts/hour) key on the
   * user, not your server. Only sent with a `clientSecret` (Auth0 ignores it otherwise) and only
   * honoured when the app has "Trust Token Endpoint IP Header" on. Can be overridden per call.
   */
  forwardedFor?: string;
  fetch?: typeof globalThis.fetch;
  /** `Auth0-Client` header; `false` to send none. */
  telemetry?: Telemetry | false;
  /** Milliseconds since the epoch; used for `expiresAt` and rate-limit waits. */
  now?: () => number;
}

export interface ResolvedOptions {
  baseUrl: string;
  clientId: string;
  clientSecret?: string;
  audience?: string;
  scope: string;
  timeoutMs: number;
  forwardedFor?: string;
  fetch?: typeof globalThis.fetch;
  telemetryHeader?: string;
  now: () => number;
}

export function isBrowser(): boolean {
  return typeof window !== 'undefined' && typeof document !== 'undefined';
}

function resolveBaseUrl(options: Auth0ClientOptions): string {
  if (options.baseUrl) return options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  if (options.domain) {
    const host = options.domain.replace(/^https?:\/\//, '').replace(/\/+$/, '');
    return `https://${host}/`;
  }
  throw new TypeError('createAuth0Client: pass `domain` (e.g. "example.eu.auth0.com") or `baseUrl`.');
}

export function resolveOptions(options: Auth0ClientOptions): ResolvedOptions {
  if (!options.clientId) throw new TypeError('createAuth0Client: `clientId` is required.');
  if (options.clientSecret && isBrowser() && !options.dangerouslyAllowSecretInBrowser) {
    throw new PasswordlessError('insecure_configuration', {
      message:
        'A client secret was configured in code running in a browser, where anyone can read it. Use a public application (SPA/Native, no secret) in the browser, and keep confidential applications on your server.',
    });
  }
  if (
    options.timeoutMs !== undefined &&
    !(typeof options.timeoutMs === 'number' && Number.isFinite(options.timeoutMs) && options.timeoutMs > 0)
  ) {
    throw new RangeError(
      `createAuth0Client: \`timeoutMs\` must be a finite number above 0 (got ${String(options.timeoutMs)}).`,
    );
  }
  const telemetry = options.telemetry === undefined ? defaultTelemetry : options.telemetry;
  const resolved: ResolvedOptions = {
    baseUrl: resolveBaseUrl(options),
    clientId: options.clientId,
    scope: withOpenid(options.scope),
    timeoutMs: options.timeoutMs ?? 10_000,
    now: options.now ?? Date.now,
  };
  if (options.clientSecret) resolved.clientSecret = options.clientSecret;
  if (options.audience) resolved.audience = options.audience;
  if (options.forwardedFor) resolved.forwardedFor = options.forwardedFor;
  if (options.fetch) resolved.fetch = options.fetch;
  if (telemetry) resolved.telemetryHeader = encodeTelemetry(telemetry);
  return resolved;
}
