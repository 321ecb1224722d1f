// Shared by the React and Vue adapter tests (their DOM environments cannot host the server).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, type RunningEmulator } from '@passwordless-xstate/emulator';
import { afterAll, beforeAll } from 'vitest';

export interface ServerStack {
  emulator: RunningEmulator;
  /** The hook's `server` option: the routes' absolute URL (the test page is on another origin). */
  server: string;
  /** What the page's browser would do and Node's fetch does not: keep cookies, send `Origin`. */
  fetch: typeof fetch;
  /** `METHOD path event-type` of every request the hook made. */
  requests: string[];
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  cookies: string[];
  body: string;
}

// node:http, not fetch: a DOM environment's fetch (happy-dom's) would apply CORS and hide cookies.
function send(url: URL, method: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url.href, { method, headers }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', reject);
      incoming.on('end', () => {
        const { 'set-cookie': cookies = [], ...rest } = incoming.headers;
        const single = Object.entries(rest).flatMap(([name, value]) =>
          typeof value === 'string' ? [[name, value] as const] : [],
        );
        resolve({
          status: incoming.statusCode ?? 0,
          headers: Object.fromEntries(single),
          cookies,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

async function startServer(emulatorUrl: string): Promise<{ child: ChildProcess; server: string }> {
  // A path, not `new URL(…, import.meta.url)`: in the DOM environment `URL` is the DOM's.
  const here = dirname(fileURLToPath(import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'server-process.ts'), emulatorUrl], {
    cwd: join(here, '..'),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const [line] = (await Promise.race([
    once(child.stdout!, 'data'),
    once(child, 'exit').then(() => Promise.reject(new Error('The server process ended before it listened.'))),
  ])) as [Buffer];
  return { child, server: line.toString().trim() };
}

/** The emulator here and `@passwordless-xstate/server` in a child process, both on loopback, per test file. */
export function useServerStack(): ServerStack {
  const stack = { requests: [] as string[] } as ServerStack;
  const jar = new Map<string, string>();
  let child: ChildProcess | undefined;
  beforeAll(async () => {
    stack.emulator = await startEmulator({ port: 0, log: false });
    ({ child, server: stack.server } = await startServer(stack.emulator.url));
  }, 15_000);
  afterAll(async () => {
    child?.stdin?.end();
    if (child && child.exitCode === null) await once(child, 'exit');
    await stack.emulator.close();
  });

  stack.fetch = async (input, init = {}) => {
    const url = new URL(String(input));
    const headers = Object.fromEntries(new Headers(init.headers));
    if (init.method === 'POST') headers.origin = url.origin;
    if (jar.size > 0) headers.cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const body = typeof init.body === 'string' ? init.body : undefined;
    stack.requests.push(
      `${init.method ?? 'GET'} ${url.pathname} ${body ? (JSON.parse(body).event?.type ?? '') : ''}`.trim(),
    );
    const answer = await send(url, init.method ?? 'GET', headers, body);
    for (const cookie of answer.cookies) {
      const [pair = ''] = cookie.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      if (/max-age=0/i.test(cookie)) jar.delete(name);
      else jar.set(name, pair.slice(name.length + 1));
    }
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  };
  return stack;
}
