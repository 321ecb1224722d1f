import {
  Agent,
  createServer,
  request as forward,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FAULT_ANSWERS, type Fault } from './faults.ts';

/** A request as the proxy saw it, body read in full, so rules can match on `grant_type`. */
export interface ProxiedRequest {
  method: string;
  path: string;
  /** `grant_type` of an `/oauth/token` body (JSON or form), `undefined` elsewhere. */
  grantType: string | undefined;
}

export type RequestMatcher = (request: ProxiedRequest) => boolean;

export interface FaultProxy {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  /** Where requests go when no fault applies; set once the emulator behind it is running. */
  target: string;
  /** Every matching request gets `fault` until `lift()`; the emulator never sees them. */
  arm(match: RequestMatcher, fault: Fault): void;
  lift(): void;
  /** The armed fault, if any (the harness shortens the client's timeout while a hang is armed). */
  readonly armed: Fault | null;
  /** Requests answered by the armed fault since it was armed. */
  readonly hits: number;
  /** Requests seen, faulted or not, since the proxy started. */
  readonly seen: number;
  /** How many requests seen so far match (faulted or not). */
  count(match: RequestMatcher): number;
  /** Called with each request as it arrives, before it is faulted or passed on (a test's trigger). */
  onRequest: ((request: ProxiedRequest) => void) | null;
  close(): Promise<void>;
}

function grantTypeOf(path: string, body: string): string | undefined {
  if (!path.startsWith('/oauth/token')) return undefined;
  try {
    const parsed = JSON.parse(body) as { grant_type?: unknown };
    if (typeof parsed.grant_type === 'string') return parsed.grant_type;
  } catch {
    // Form-encoded, as Auth0's SDKs send it.
  }
  return new URLSearchParams(body).get('grant_type') ?? undefined;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * An HTTP proxy of our own between the client and a real emulator. A faulted request never reaches
 * the emulator, so lifting the fault and doing the same thing again must work: that is the way
 * forward each matrix cell checks.
 */
export async function startFaultProxy(): Promise<FaultProxy> {
  let rule: { match: RequestMatcher; fault: Fault } | null = null;
  let hits = 0;
  let seen = 0;
  const log: ProxiedRequest[] = [];
  const hooks = { onRequest: null as ((request: ProxiedRequest) => void) | null };
  const held = new Set<Socket>();
  const agent = new Agent({ keepAlive: true });
  const state = { target: '' };

  const answerWithFault = (fault: Fault, response: ServerResponse) => {
    if (fault === 'hang') {
      // Never answered: the client's own timeout must end the wait.
      held.add(response.socket as Socket);
      response.socket?.once('close', () => held.delete(response.socket as Socket));
      return;
    }
    if (fault === 'reset') {
      (response.socket as Socket).resetAndDestroy();
      return;
    }
    const answer = FAULT_ANSWERS[fault];
    response.writeHead(answer.status, {
      ...answer.headers,
      'content-length': Buffer.byteLength(answer.body),
    });
    response.end(answer.body);
  };

  const server = createServer(async (request, response) => {
    seen += 1;
    const body = await readBody(request);
    const path = request.url ?? '/';
    const seenRequest = {
      method: request.method ?? 'GET',
      path,
      grantType: grantTypeOf(path, body.toString()),
    };
    log.push(seenRequest);
    hooks.onRequest?.(seenRequest);
    if (rule && rule.match(seenRequest)) {
      hits += 1;
      answerWithFault(rule.fault, response);
      return;
    }
    const target = new URL(state.target);
    const upstream = forward(
      {
        agent,
        host: target.hostname,
        port: target.port,
        method: request.method,
        path,
        headers: { ...request.headers, host: target.host },
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    upstream.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    get target() {
      return state.target;
    },
    set target(value: string) {
      state.target = value;
    },
    arm(match, fault) {
      rule = { match, fault };
      hits = 0;
    },
    lift() {
      rule = null;
    },
    get armed() {
      return rule?.fault ?? null;
    },
    get hits() {
      return hits;
    },
    get seen() {
      return seen;
    },
    count: (match) => log.filter(match).length,
    get onRequest() {
      return hooks.onRequest;
    },
    set onRequest(hook) {
      hooks.onRequest = hook;
    },
    async close() {
      for (const socket of held) socket.destroy();
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
