import type { ResolvedOptions } from './options.ts';
import type { Transport } from './transport.ts';
import type { WireObject } from './wire.ts';

export interface ClientContext {
  options: ResolvedOptions;
  transport: Transport;
}

/** Per-call options shared by every client function. */
export interface CallOptions {
  /** Aborting rejects the call with code `aborted`. */
  signal?: AbortSignal;
  /** Overrides the client's `forwardedFor` for this call (one client serving many users). */
  forwardedFor?: string;
}

/** `client_id`, plus `client_secret` for confidential apps (client_secret_post). */
export function clientAuth(context: ClientContext): WireObject {
  const { clientId, clientSecret } = context.options;
  return clientSecret ? { client_id: clientId, client_secret: clientSecret } : { client_id: clientId };
}
