// One small JSON client over node:http / node:https with keep-alive, used alike against the
// emulator (http) and simulacrum (https only), so neither server is measured with a different client.
import http from 'node:http';
import https from 'node:https';

export interface JsonClient {
  request(
    method: 'GET' | 'POST',
    path: string,
    body?: Record<string, string>,
  ): Promise<{ status: number; json: unknown }>;
  close(): void;
}

export function createJsonClient(
  baseUrl: string,
  { ca, sockets }: { ca?: string; sockets: number },
): JsonClient {
  const secure = baseUrl.startsWith('https:');
  const agent = secure
    ? new https.Agent({ keepAlive: true, maxSockets: sockets, ...(ca ? { ca } : {}) })
    : new http.Agent({ keepAlive: true, maxSockets: sockets });
  const send = secure ? https.request : http.request;
  return {
    request: (method, path, body) =>
      new Promise((resolve, reject) => {
        const payload = body ? JSON.stringify(body) : undefined;
        const request = send(
          `${baseUrl}${path}`,
          { method, agent, headers: payload ? { 'content-type': 'application/json' } : {} },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => {
              try {
                resolve({
                  status: response.statusCode ?? 0,
                  json: JSON.parse(Buffer.concat(chunks).toString('utf8')),
                });
              } catch (error) {
                reject(error instanceof Error ? error : new Error(String(error)));
              }
            });
            response.on('error', reject);
          },
        );
        request.on('error', reject);
        request.end(payload);
      }),
    close: () => agent.destroy(),
  };
}
