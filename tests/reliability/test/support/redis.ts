import { spawn } from 'node:child_process';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

const HOST = '127.0.0.1';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, HOST, resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, HOST);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (chunk) => done(chunk.toString().startsWith('+PONG')));
  });
}

/** A throwaway `redis-server` (no persistence) on a free port; `stop()` kills it. */
export async function startRedis(): Promise<{ port: number; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', HOST, '--save', '', '--appendonly', 'no'],
    {
      cwd: tmpdir(),
      stdio: 'ignore',
    },
  );
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  for (let waited = 0; waited < 30_000; waited += 50) {
    if (child.exitCode !== null)
      throw new Error(`redis-server exited with ${child.exitCode} (is it installed?)`);
    if (await answersPing(port)) return { port, stop };
    await sleep(50);
  }
  await stop();
  throw new Error('redis-server did not answer PING within 30 s');
}

/** How the TCP proxy treats traffic: pass it, cut every connection, delay it, or swallow it. */
export type TcpMode = 'pass' | 'drop' | { delayMs: number } | 'blackhole';

export interface TcpProxy {
  url: string;
  /** `drop` resets open connections and refuses new ones; `blackhole` keeps them open and answers nothing. */
  setMode(mode: TcpMode): void;
  close(): Promise<void>;
}

/** A TCP proxy of our own in front of Redis, so a test can cut, slow or black-hole the store. */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  let mode: TcpMode = 'pass';
  const pairs = new Set<[Socket, Socket]>();
  const relay = (from: Socket, to: Socket) =>
    from.on('data', (chunk) => {
      const current = mode;
      if (current === 'blackhole' || current === 'drop') return;
      if (current === 'pass') to.write(chunk);
      else setTimeout(() => to.write(chunk), current.delayMs);
    });
  const server = createServer((client) => {
    if (mode === 'drop') return void client.resetAndDestroy();
    const upstream = connect(targetPort, HOST);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const close = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    for (const socket of pair) socket.on('error', close).on('close', close);
    relay(client, upstream);
    relay(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  const { port } = server.address() as AddressInfo;
  const cutAll = () => {
    for (const [client, upstream] of pairs) {
      client.resetAndDestroy();
      upstream.destroy();
    }
    pairs.clear();
  };
  return {
    url: `redis://${HOST}:${port}`,
    setMode(next) {
      // Leaving a black hole cuts what it swallowed: those connections lost bytes and cannot go on.
      if (next === 'drop' || mode === 'blackhole') cutAll();
      mode = next;
    },
    async close() {
      cutAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
