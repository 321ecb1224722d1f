import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import type { PasswordlessServer } from './handler.ts';

/**
 * `node:http` / Express / Connect middleware: answers requests under the server's `basePath`, and
 * passes every other request to `next` (or answers `404` without one). The socket's address is
 * handed over as the end user's, subject to `trustProxy`.
 */
export function toNodeHandler(server: PasswordlessServer) {
  return async (request: IncomingMessage, response: ServerResponse, next?: (error?: unknown) => void) => {
    try {
      const secure = (request.socket as Partial<TLSSocket>).encrypted === true;
      const url = new URL(
        request.url ?? '/',
        `${secure ? 'https' : 'http'}://${request.headers.host ?? 'localhost'}`,
      );
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value])
          headers.append(name, item);
      }
      const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
      const webRequest = new Request(url, {
        method: request.method ?? 'GET',
        headers,
        ...(hasBody ? { body: Readable.toWeb(request) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
      } as RequestInit);
      const answer = await server.handle(webRequest, {
        ...(request.socket.remoteAddress ? { remoteAddress: request.socket.remoteAddress } : {}),
      });
      if (!answer) {
        if (next) return next();
        response.statusCode = 404;
        return response.end();
      }
      response.statusCode = answer.status;
      answer.headers.forEach((value, name) => {
        if (name !== 'set-cookie') response.setHeader(name, value);
      });
      const cookies = answer.headers.getSetCookie();
      if (cookies.length > 0) response.setHeader('set-cookie', cookies);
      response.end(Buffer.from(await answer.arrayBuffer()));
    } catch (error) {
      if (next) return next(error);
      response.statusCode = 500;
      response.end();
    }
  };
}
