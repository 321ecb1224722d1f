import type { FaultProxy, RequestMatcher } from '../support/fault-proxy.ts';
import type { Fault } from '../support/faults.ts';
import type { Flow, FlowOptions, Lane } from '../support/lane.ts';

/** One matrix cell while it runs: the lane, the fresh flow, the fault, and what the row noted down. */
export interface Cell {
  lane: Lane;
  flow: Flow;
  fault: Fault;
  memo: Record<string, string>;
}

/** A state to be in, as `snapshot.matches` takes it. */
export type StateMatch = string | Record<string, unknown>;

/** One request of one flow: how to get a fresh flow to it, how to send it, and how to go on after. */
export interface MatrixRow {
  flow: string;
  request: string;
  match: RequestMatcher;
  options?: Partial<FlowOptions>;
  /** Any 2xx is done whatever its body (`/passwordless/start`, `/oauth/revoke`), as Auth0's SDKs treat it. */
  bodyless?: boolean;
  /** The chart shows no error here by design (logout always signs out); the view says `logoutIncomplete`. */
  silent?: boolean;
  prepare(cell: Cell): Promise<void>;
  /** What makes the request go out: an action, or a tick for the push poll. */
  trigger(cell: Cell): Promise<void> | void;
  failedAt: StateMatch;
  acceptedAt?: StateMatch;
  /** The action (or the chart's own next step) that goes on once the fault is lifted. */
  wayForward: string;
  /** Goes on from the fault and finishes the flow; asserts as it goes. */
  recover(cell: Cell, accepted: boolean): Promise<void>;
}

export const request =
  (method: string, path: string, grantType?: string): RequestMatcher =>
  (seen) =>
    seen.method === method &&
    seen.path.split('?')[0] === path &&
    (grantType === undefined || seen.grantType === grantType);

export type { FaultProxy };
