import { checkPasswordlessSettings } from '@passwordless-xstate/core';
import type {
  IdTokenClaims,
  PasswordlessInput,
  SessionTokens,
  SessionUser,
  Telemetry,
} from '@passwordless-xstate/core';
import type { FlowStore } from './store/types.ts';
import { memoryFlowStore } from './store/memory.ts';
import { storeWithTimeouts } from './store/timed.ts';
import { parseTrustProxy, type TrustProxy } from './client-ip.ts';
import { parseSecrets, type ServerSecret } from './seal.ts';

/** What the chart may be configured with on the server (the rest comes from the server itself). */
export type ServerFlowOptions = Omit<
  PasswordlessInput,
  'clientId' | 'domain' | 'baseUrl' | 'forwardedFor' | 'discardedSnapshot' | 'validateIdToken'
>;

export interface ServerLimits {
  /** Starts (first send and resends) per end-user IP per hour. Default 50, Auth0's own per-IP limit. */
  startsPerIpPerHour: number;
  /** Starts per e-mail address or phone number per hour. Default 10. */
  startsPerIdentifierPerHour: number;
  /** Requests per flow per minute, whatever they are. Default 60. */
  requestsPerFlowPerMinute: number;
}

export interface AuthenticatedInfo {
  tokens: SessionTokens;
  claims: IdTokenClaims | null;
  user: SessionUser | null;
  request: Request;
}

export interface PasswordlessServerOptions {
  /** Tenant or custom domain (`example.eu.auth0.com`), or `baseUrl`. */
  domain?: string;
  /** Full base URL instead of `domain`, e.g. the emulator's `http://127.0.0.1:4000/`. */
  baseUrl?: string;
  clientId: string;
  /** The Regular Web Application's secret; it stays in the request's Auth0 client, never in a record. */
  clientSecret: string;
  /**
   * At least 32 bytes; seals flow records and cookies (JWE dir + A256GCM, keys derived with HKDF).
   * For rotation pass several `{ kid, secret }`: the first seals, all of them open.
   */
  secret: string | ServerSecret[];
  /** Where the routes live. Default `/auth/passwordless`. */
  basePath?: string;
  /** Default `memoryFlowStore()`: one process. Use `redisFlowStore` for several instances. */
  store?: FlowStore;
  /** A store call without an answer after this long fails the request with `503`. Default 5 s. */
  storeTimeoutMs?: number;
  /** Origins allowed to POST (CSRF). Default: the origin the request was made to. */
  trustedOrigins?: string[];
  /**
   * Which proxies may tell the end user's IP in `X-Forwarded-For`: a number of hops, or a list of
   * proxy addresses. Default `false`: the socket's address is the end user's.
   */
  trustProxy?: TrustProxy;
  /** The chart's configuration: connection, send mode, audience, scope, timings. */
  flow?: ServerFlowOptions;
  limits?: Partial<ServerLimits>;
  /** Where the browser lands after a magic link. Default `/`. */
  afterCallbackPath?: string;
  /**
   * Hands the tokens to your own session layer. With the built-in session cookie on (the default),
   * it is called as well; set `sessionCookie: false` when you keep sessions yourself.
   */
  onAuthenticated?: (info: AuthenticatedInfo) => void | Promise<void>;
  /** The built-in sealed session cookie. Default `true`. */
  sessionCookie?: boolean;
  /** How long a flow lives without a request. Default 30 minutes. */
  flowTtlMs?: number;
  /** How long the built-in session cookie lives. Default 7 days. */
  sessionTtlMs?: number;
  fetch?: typeof globalThis.fetch;
  telemetry?: Telemetry | false;
  now?: () => number;
}

export type ResolvedServerOptions = Required<
  Pick<PasswordlessServerOptions, 'clientId' | 'clientSecret' | 'afterCallbackPath' | 'sessionCookie'>
> &
  Omit<PasswordlessServerOptions, 'secret' | 'trustProxy' | 'limits' | 'basePath' | 'store'> & {
    basePath: string;
    secrets: ServerSecret[];
    store: FlowStore;
    trustProxy: ReturnType<typeof parseTrustProxy>;
    limits: ServerLimits;
    flowTtlMs: number;
    sessionTtlMs: number;
    now: () => number;
  };

export const defaultLimits: ServerLimits = {
  startsPerIpPerHour: 50,
  startsPerIdentifierPerHour: 10,
  requestsPerFlowPerMinute: 60,
};

// A `NaN` from `Number(process.env.X)` would otherwise expire every flow at once, or never.
function checkServerNumbers(options: PasswordlessServerOptions): void {
  const positive = {
    storeTimeoutMs: options.storeTimeoutMs,
    flowTtlMs: options.flowTtlMs,
    sessionTtlMs: options.sessionTtlMs,
  };
  for (const [name, value] of Object.entries(positive))
    if (value !== undefined && !(Number.isFinite(value) && value > 0))
      throw new RangeError(
        `createPasswordlessServer: \`${name}\` must be a finite number above 0 (got ${String(value)}).`,
      );
  for (const [name, value] of Object.entries(options.limits ?? {}))
    if (value !== undefined && !(Number.isInteger(value) && value >= 1))
      throw new RangeError(
        `createPasswordlessServer: \`limits.${name}\` must be a whole number of at least 1 (got ${String(value)}).`,
      );
}

export function resolveServerOptions(options: PasswordlessServerOptions): ResolvedServerOptions {
  if (!options.domain && !options.baseUrl) {
    throw new TypeError(
      'createPasswordlessServer: pass `domain` (e.g. "example.eu.auth0.com") or `baseUrl`.',
    );
  }
  if (!options.clientId || !options.clientSecret) {
    throw new TypeError(
      'createPasswordlessServer: `clientId` and `clientSecret` of a Regular Web Application are required.',
    );
  }
  checkPasswordlessSettings(options.flow ?? {}, 'createPasswordlessServer: `flow`');
  checkServerNumbers(options);
  const basePath = `/${(options.basePath ?? '/auth/passwordless').replace(/^\/+|\/+$/g, '')}`;
  const now = options.now ?? Date.now;
  return {
    ...options,
    basePath,
    secrets: parseSecrets(options.secret),
    store: storeWithTimeouts(options.store ?? memoryFlowStore({ now }), options.storeTimeoutMs ?? 5000),
    trustProxy: parseTrustProxy(options.trustProxy ?? false),
    limits: { ...defaultLimits, ...options.limits },
    afterCallbackPath: options.afterCallbackPath ?? '/',
    sessionCookie: options.sessionCookie ?? true,
    flowTtlMs: options.flowTtlMs ?? 30 * 60_000,
    sessionTtlMs: options.sessionTtlMs ?? 7 * 24 * 3600_000,
    now,
  };
}
