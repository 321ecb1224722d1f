// Servers under test run in their own Node process, so the client's CPU figures (process.cpuUsage)
// are the client's alone and client and server do not share one event loop.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ReadyMessage {
  type: 'ready';
  url: string;
  /** Milliseconds spent importing the server's package, in the child. */
  importMs: number;
  /** Milliseconds from calling its start function until it listens, in the child. */
  startMs: number;
}

export interface RunningChild extends ReadyMessage {
  stop(): Promise<void>;
}

const READY_WITHIN_MS = 30_000;
const preload = fileURLToPath(new URL('./use-published.ts', import.meta.url));

/** Forks `src/<script>` (tsx, our packages from `dist`) and resolves once it reports `ready`. */
export async function startChild(script: string, env: NodeJS.ProcessEnv = {}): Promise<RunningChild> {
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), [], {
    execArgv: ['--import', 'tsx', '--import', preload],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  try {
    const ready = await new Promise<ReadyMessage>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${script} not ready within ${READY_WITHIN_MS} ms`)),
        READY_WITHIN_MS,
      );
      child.once('message', (message: ReadyMessage) => {
        clearTimeout(timer);
        resolve(message);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${script} exited (${String(code)}) before it was ready:\n${stderr}`));
      });
    });
    return {
      ...ready,
      stop: async () => {
        process.off('exit', killOnExit);
        await stopChild(child);
      },
    };
  } catch (error) {
    process.off('exit', killOnExit);
    await stopChild(child);
    throw error;
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
