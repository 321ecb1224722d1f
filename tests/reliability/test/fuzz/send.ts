import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import type { FuzzRequest } from './requests.ts';

/** What came back: a status, `none` when the client gave up on an incomplete request, or `hang`. */
export type Answer = { status: number } | { status: 'none' | 'hang' | 'unsendable'; detail: string };

const ANSWER_WITHIN_MS = 20_000;
/** How long a deliberately incomplete request is left open before the client walks away. */
const PARTIAL_OPEN_MS = 300;

const agent = new Agent({ keepAlive: true, maxSockets: 32 });

export function closeAgent() {
  agent.destroy();
}

/** A normal HTTP client: headers as given, the body in one piece. */
function viaHttp(origin: URL, request: FuzzRequest): Promise<Answer> {
  return new Promise((resolve) => {
    let outgoing: ReturnType<typeof httpRequest>;
    try {
      outgoing = httpRequest({
        agent,
        host: origin.hostname,
        port: origin.port,
        method: request.method,
        path: request.target,
        headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
        timeout: ANSWER_WITHIN_MS,
      });
    } catch (error) {
      // Node refuses to send some headers or paths (control characters): no request was made.
      resolve({ status: 'unsendable', detail: String(error) });
      return;
    }
    outgoing.on('response', (answer) => {
      answer.resume();
      answer.on('end', () => resolve({ status: answer.statusCode ?? 0 }));
      answer.on('error', () => resolve({ status: answer.statusCode ?? 0 }));
    });
    outgoing.on('timeout', () => {
      outgoing.destroy();
      resolve({ status: 'hang', detail: `no answer within ${ANSWER_WITHIN_MS} ms` });
    });
    // A body the server refused early (413) may reset the socket while we still write: that answer came first.
    outgoing.on('error', (error) => resolve({ status: 'none', detail: String(error) }));
    outgoing.end(request.body);
  });
}

/** Raw bytes over TCP: slow bodies, bodies that stop short, lying lengths. */
function viaSocket(origin: URL, request: FuzzRequest): Promise<Answer> {
  return new Promise((resolve) => {
    const socket = connect(Number(origin.port), origin.hostname);
    const body = Buffer.from(request.body);
    const declared = request.transport === 'raw' ? Math.max(0, body.length - 3) : body.length;
    const head = [
      `${request.method} ${request.target} HTTP/1.1`,
      `host: ${origin.host}`,
      ...Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`),
      `content-length: ${declared}`,
      'connection: close',
      '',
      '',
    ].join('\r\n');
    let received = '';
    let settled = false;
    const done = (answer: Answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(giveUp);
      socket.destroy();
      resolve(answer);
    };
    const giveUp = setTimeout(
      () => done({ status: request.transport === 'partial' ? 'none' : 'hang', detail: 'no answer' }),
      request.transport === 'partial' ? PARTIAL_OPEN_MS : ANSWER_WITHIN_MS,
    );
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(received);
      if (status) done({ status: Number(status[1]) });
    });
    socket.on('error', (error) => done({ status: 'none', detail: String(error) }));
    socket.on('close', () => done({ status: 'none', detail: 'closed without an answer' }));
    socket.on('connect', async () => {
      socket.write(head, 'latin1');
      if (request.transport === 'partial') {
        socket.write(body.subarray(0, Math.floor(body.length / 2)));
        return;
      }
      if (request.transport === 'raw') {
        socket.write(body);
        return;
      }
      // Slow: a few bytes at a time, with pauses, until the whole body is there.
      const step = Math.max(1, Math.ceil(body.length / 8));
      for (let offset = 0; offset < body.length && !settled; offset += step) {
        socket.write(body.subarray(offset, offset + step));
        await new Promise((resume) => setTimeout(resume, 15));
      }
    });
  });
}

export function send(baseUrl: string, request: FuzzRequest): Promise<Answer> {
  const origin = new URL(baseUrl);
  return request.transport === 'http' ? viaHttp(origin, request) : viaSocket(origin, request);
}
