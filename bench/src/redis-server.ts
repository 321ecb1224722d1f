// A throwaway redis-server on a Unix socket in a temp folder (no TCP port to race for, no
// persistence), for the server handler's Redis flow store.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';

// The client's own reconnect waits for the socket to appear; no polling loop of ours.
const connectTo = (path: string) =>
  createClient({ socket: { path, reconnectStrategy: (retries) => (retries > 100 ? false : 50) } });

export interface ThrowawayRedis {
  client: ReturnType<typeof connectTo>;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<ThrowawayRedis | { error: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'pwl-bench-redis-'));
  const socket = join(dir, 'redis.sock');
  const child = spawn(
    'redis-server',
    ['--port', '0', '--unixsocket', socket, '--save', '', '--appendonly', 'no'],
    {
      cwd: dir,
      stdio: 'ignore',
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const failed = new Promise<string>((resolve) => child.once('error', (error) => resolve(error.message)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const client = connectTo(socket);
  client.on('error', () => {});
  const outcome = await Promise.race([client.connect().then(() => 'connected' as const), failed]);
  if (outcome !== 'connected') {
    await stop();
    return { error: `redis-server did not start (${outcome})` };
  }
  return {
    client,
    stop: async () => {
      await client.quit();
      await stop();
    },
  };
}
