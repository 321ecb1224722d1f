import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The JSON body, or `undefined` when there was none. */
  body: Record<string, unknown> | undefined;
}

export type Handler = (request: RecordedRequest, response: ServerResponse) => void | Promise<void>;

export interface TestServer {
  /** `http://127.0.0.1:<port>/` */
  baseUrl: string;
  requests: RecordedRequest[];
  /** Sets the handler for `METHOD /path` (replacing any earlier one). */
  on(method: string, path: string, handler: Handler): void;
  reset(): void;
  close(): Promise<void>;
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

/** A handler that answers every request with the same JSON. */
export const reply =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_request, response) =>
    sendJson(response, status, body, headers);

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A real HTTP server on 127.0.0.1 with a random port, recording every request it receives. */
export async function startTestServer(): Promise<TestServer> {
  const handlers = new Map<string, Handler>();
  const requests: RecordedRequest[] = [];
  const server = createServer(async (request, response) => {
    const rawBody = await readBody(request);
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    let body: Record<string, unknown> | undefined;
    try {
      body = rawBody === '' ? undefined : (JSON.parse(rawBody) as Record<string, unknown>);
    } catch {
      body = undefined;
    }
    const recorded: RecordedRequest = {
      method: request.method ?? '',
      path,
      headers: request.headers,
      rawBody,
      body,
    };
    requests.push(recorded);
    const handler = handlers.get(`${request.method} ${path}`);
    if (!handler)
      return sendJson(response, 404, { error: 'not_found', error_description: `No handler for ${path}` });
    await handler(recorded, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/`,
    requests,
    on: (method, path, handler) => handlers.set(`${method} ${path}`, handler),
    reset: () => {
      handlers.clear();
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
