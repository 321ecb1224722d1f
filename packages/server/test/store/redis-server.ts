import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const READY_WITHIN_MS = 15_000;
const STOP_WITHIN_MS = 5_000;

/**
 * Starts a throwaway `redis-server` (no persistence) on a free local port and resolves once it
 * answers PING. Call `stop()` in `afterAll`; a server still running when the test process exits is
 * killed then too.
 */
export async function startRedisServer(): Promise<RedisServer> {
  let lastError: unknown;
  // Another process can take the free port between our probe and redis binding it: try again.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOn(await freePort());
    } catch (error) {
      if (error instanceof RedisServerMissingError) throw error;
      lastError = error;
    }
  }
  throw lastError;
}

export class RedisServerMissingError extends Error {
  override readonly name = 'RedisServerMissingError';
  constructor() {
    super(
      'redis-server is not on PATH. The Redis store tests run against a real server: ' +
        'install it (e.g. `apt-get install redis-server`) and run the tests again.',
    );
  }
}

async function startOn(port: number): Promise<RedisServer> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', HOST, '--save', '', '--appendonly', 'no'],
    { cwd: tmpdir(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<Error>((resolve) => {
    child.on('error', (error: NodeJS.ErrnoException) =>
      resolve(error.code === 'ENOENT' ? new RedisServerMissingError() : error),
    );
    child.once('exit', (code, signal) =>
      resolve(new Error(`redis-server exited (${String(code ?? signal)}) before answering PING:\n${output}`)),
    );
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  try {
    const outcome = await Promise.race([waitForPing(port), exited]);
    if (outcome !== true) throw outcome;
  } catch (error) {
    process.off('exit', killOnExit);
    await stopProcess(child);
    throw error;
  }
  return {
    url: `redis://${HOST}:${port}`,
    port,
    async stop() {
      process.off('exit', killOnExit);
      await stopProcess(child);
    },
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP port to probe');
  return address.port;
}

async function waitForPing(port: number): Promise<true> {
  const deadline = Date.now() + READY_WITHIN_MS;
  while (Date.now() < deadline) {
    if (await ping(port)) return true;
    await sleep(50);
  }
  throw new Error(`redis-server on port ${port} did not answer PING within ${READY_WITHIN_MS} ms`);
}

/** One PING over a raw socket, so the helper needs no Redis client. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: HOST, port });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_WITHIN_MS);
  await exited;
  clearTimeout(timer);
}
