import {
  createAuth0Client,
  type Auth0Client,
  createPasswordlessActors,
  passwordlessMachine,
  type PasswordlessEvent,
  type PasswordlessSnapshot,
} from '@passwordless-xstate/core';
import { createActor, fromCallback, waitFor, type Snapshot } from 'xstate';
import type { ResolvedServerOptions } from './options.ts';

export interface FlowRequest {
  /** The stored snapshot to resume, or none for a new flow. */
  snapshot: Snapshot<unknown> | undefined;
  /** The stored flow could not be resumed: start over, saying so (`flow_discarded`). */
  discarded: boolean;
  events: PasswordlessEvent[];
  /** The end user's IP for `auth0-forwarded-for`; it lives in this request's client only. */
  forwardedFor: string | null;
  /** Where magic links land: this server's callback route. */
  redirectUri: string;
  signal: AbortSignal;
}

export interface FlowResult {
  snapshot: PasswordlessSnapshot;
  /** What to store: taken while the chart waits for the person, never while it is busy. */
  persisted: Snapshot<unknown>;
}

// A flow waits for Auth0 a few times in a row at most (code → MFA list → challenge), each bounded
// by the chart's own timeouts; this is only the last line of defence.
const SETTLE_LIMIT_MS = 90_000;

/**
 * One request's life of the chart: created from the stored snapshot with a request-scoped Auth0
 * client (the secret and the end user's IP live there, never in the chart's context), told the
 * time, given the events, and left once it is no longer busy. No actor outlives the request, and
 * no timer runs between requests: deadlines are absolute times in context, checked on `TICK`.
 */
/** A client for one request: the app's secret, and this end user's IP for `auth0-forwarded-for`. */
function auth0Client(options: ResolvedServerOptions, forwardedFor: string | null): Auth0Client {
  return createAuth0Client({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.domain ? { domain: options.domain } : {}),
    ...(options.flow?.audience ? { audience: options.flow.audience } : {}),
    ...(options.flow?.scope ? { scope: options.flow.scope } : {}),
    ...(options.flow?.requestTimeoutMs ? { timeoutMs: options.flow.requestTimeoutMs } : {}),
    ...(forwardedFor ? { forwardedFor } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.telemetry === undefined ? {} : { telemetry: options.telemetry }),
    now: options.now,
  });
}

export async function runFlow(options: ResolvedServerOptions, request: FlowRequest): Promise<FlowResult> {
  const client = auth0Client(options, request.forwardedFor);
  const machine = passwordlessMachine.provide({
    actors: { ...createPasswordlessActors(() => client, options.now), ticker: fromCallback(() => {}) },
  });
  const actor = createActor(machine, {
    input: {
      clientId: options.clientId,
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      ...(options.domain ? { domain: options.domain } : {}),
      redirectUri: request.redirectUri,
      ...options.flow,
      ...(request.discarded ? { discardedSnapshot: true } : {}),
    },
    ...(request.snapshot ? { snapshot: request.snapshot } : {}),
  });
  let failure: unknown;
  actor.subscribe({ error: (error) => (failure = error) });
  const abort = () => actor.stop();
  request.signal.addEventListener('abort', abort, { once: true });
  try {
    actor.start();
    actor.send({ type: 'TICK', now: options.now() });
    for (const event of request.events) actor.send(event);
    const settled = await waitFor(
      actor,
      (snapshot) => snapshot.status !== 'active' || !snapshot.hasTag('busy'),
      {
        timeout: SETTLE_LIMIT_MS,
      },
    );
    if (failure !== undefined || settled.status !== 'active') throw failure ?? new Error('The flow stopped.');
    return { snapshot: settled, persisted: actor.getPersistedSnapshot() };
  } finally {
    request.signal.removeEventListener('abort', abort);
    actor.stop();
  }
}

/** The snapshot of a stored flow, read without running it (for a view on `409` or `GET`). */
export function readFlow(
  options: ResolvedServerOptions,
  snapshot: Snapshot<unknown> | undefined,
  discarded = false,
): PasswordlessSnapshot {
  const actor = createActor(passwordlessMachine, {
    input: {
      clientId: options.clientId,
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      ...(options.domain ? { domain: options.domain } : {}),
      ...options.flow,
      ...(discarded ? { discardedSnapshot: true } : {}),
    },
    ...(snapshot ? { snapshot } : {}),
  });
  return actor.getSnapshot();
}

/** Revokes a session's refresh token at logout; `false` when Auth0 could not be reached. */
export async function revokeRefreshToken(
  options: ResolvedServerOptions,
  refreshToken: string,
  forwardedFor: string | null,
): Promise<boolean> {
  try {
    await auth0Client(options, forwardedFor).revoke({ refreshToken });
    return true;
  } catch {
    return false;
  }
}
