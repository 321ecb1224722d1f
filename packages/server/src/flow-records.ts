import { CHART_VERSION, checkRestorable, passwordlessMachine } from '@passwordless-xstate/core';
import type { Snapshot } from 'xstate';
import { hashSecret, secretMatches, type FlowCookie } from './cookies.ts';
import { HttpProblem } from './http.ts';
import type { ResolvedServerOptions } from './options.ts';
import { seal, unseal } from './seal.ts';
import type { FlowRecord } from './store/types.ts';

const RECORD_FORMAT = 1;
/** Longer than any one request may hold a flow (the chart's timeouts end every wait sooner). */
const LEASE_MS = 120_000;

export interface LoadedFlow {
  cookie: FlowCookie;
  record: FlowRecord;
  /** `undefined` when the record could not be resumed (another chart version): it starts over. */
  snapshot: Snapshot<unknown> | undefined;
  discarded: boolean;
}

interface SealedFlow {
  v: number;
  chart: number;
  id: string;
  snapshot: Snapshot<unknown>;
}

export const sealFlow = (options: ResolvedServerOptions, id: string, snapshot: Snapshot<unknown>) =>
  seal(options.secrets, 'flow-record', {
    v: RECORD_FORMAT,
    chart: CHART_VERSION,
    id,
    snapshot,
  } satisfies SealedFlow);

async function openFlow(options: ResolvedServerOptions, id: string, sealed: string) {
  const value = (await unseal(options.secrets, 'flow-record', sealed)) as Partial<SealedFlow> | null;
  // The id inside the seal binds the record to its key: a record copied to another id is refused.
  const usable =
    value !== null &&
    value.v === RECORD_FORMAT &&
    value.chart === CHART_VERSION &&
    value.id === id &&
    checkRestorable(passwordlessMachine, value.snapshot).ok;
  return usable ? (value.snapshot as Snapshot<unknown>) : undefined;
}

/** The flow a cookie names: `null` when there is none (expired); a cookie that is not its key is refused. */
export async function loadFlow(
  options: ResolvedServerOptions,
  cookie: FlowCookie,
): Promise<LoadedFlow | null> {
  const record = await options.store.get(cookie.id);
  if (!record) return null;
  if (!secretMatches(cookie.secret, record.secretHash)) {
    throw new HttpProblem(403, 'invalid_flow_cookie', 'The flow cookie does not match its flow.');
  }
  const snapshot = await openFlow(options, cookie.id, record.sealed);
  return { cookie, record, snapshot, discarded: snapshot === undefined };
}

export const isLeased = (options: ResolvedServerOptions, record: FlowRecord) =>
  record.leaseUntil !== null && record.leaseUntil > options.now();

/** Seconds until a claimed flow is free again at the latest (its lease runs out); at least 1. */
export const secondsUntilFree = (options: ResolvedServerOptions, record: FlowRecord) =>
  Math.max(1, Math.ceil(((record.leaseUntil ?? options.now() + LEASE_MS) - options.now()) / 1000));

/** Takes the flow for this request (version + 1, with a lease); `null` when another request was faster. */
export async function claimFlow(
  options: ResolvedServerOptions,
  flow: LoadedFlow,
): Promise<FlowRecord | null> {
  const claimed = { ...flow.record, version: flow.record.version + 1, leaseUntil: options.now() + LEASE_MS };
  const won = await options.store.compareAndSet(
    flow.cookie.id,
    flow.record.version,
    claimed,
    options.flowTtlMs,
  );
  return won ? claimed : null;
}

/** Stores the flow's new waiting state and frees it (version + 1 again); `false` if the lease was lost. */
export async function commitFlow(
  options: ResolvedServerOptions,
  id: string,
  claimed: FlowRecord,
  snapshot: Snapshot<unknown>,
): Promise<FlowRecord | null> {
  const record = {
    ...claimed,
    version: claimed.version + 1,
    leaseUntil: null,
    sealed: await sealFlow(options, id, snapshot),
  };
  return (await options.store.compareAndSet(id, claimed.version, record, options.flowTtlMs)) ? record : null;
}

/** Gives a claimed flow back unchanged (the run failed): free again, at its last waiting state. */
export async function releaseFlow(
  options: ResolvedServerOptions,
  id: string,
  claimed: FlowRecord,
): Promise<void> {
  await options.store.compareAndSet(
    id,
    claimed.version,
    { ...claimed, version: claimed.version + 1, leaseUntil: null },
    options.flowTtlMs,
  );
}

/** A new flow under a new cookie, at version 1. */
export async function createFlow(
  options: ResolvedServerOptions,
  cookie: FlowCookie,
  snapshot: Snapshot<unknown>,
): Promise<FlowRecord> {
  const record: FlowRecord = {
    version: 1,
    leaseUntil: null,
    secretHash: hashSecret(cookie.secret),
    sealed: await sealFlow(options, cookie.id, snapshot),
  };
  if (!(await options.store.compareAndSet(cookie.id, 0, record, options.flowTtlMs))) {
    throw new HttpProblem(409, 'conflict', 'A flow with this id exists already.');
  }
  return record;
}
