import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const children: ChildProcess[] = [];

/** Runs the CLI through tsx (as `pnpm emulator` does) and resolves with the URL it prints. */
function runCli(args: string[]): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: packageDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve({ url: match[1]!, child, output: () => output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`CLI exited with ${code}: ${output}`)));
  });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('passwordless-emulator CLI', () => {
  it('--port 0 prints the real URL, serves discovery and stops on SIGTERM', async () => {
    const { url, child } = await runCli(['--port', '0']);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(url).not.toMatch(/:0$/);
    const discovery = (await (await fetch(`${url}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    expect(discovery.issuer).toBe(`${url}/`);
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
  });

  it('--config applies a JSON file on top of the defaults, and prints outbox lines', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emulator-cli-'));
    try {
      const file = join(dir, 'emulator.json');
      await writeFile(file, JSON.stringify({ limits: { passwordlessStart: { burst: 1 } } }));
      const { url, output } = await runCli(['--port', '0', '--config', file]);
      const start = () =>
        fetch(`${url}/passwordless/start`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            client_id: 'pwl-native',
            connection: 'email',
            email: 'alice@example.com',
            send: 'code',
          }),
        });
      const first = await start();
      expect(first.headers.get('x-ratelimit-limit')).toBe('1');
      expect((await start()).status).toBe(429);
      await expect
        .poll(output)
        .toMatch(/\[outbox\] email to alice@example\.com \(passwordless-code\): code \d{6}/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('--rate-limits off lifts the request rate limits (for long-lived dev servers and load tests)', async () => {
    const { url } = await runCli(['--port', '0', '--rate-limits', 'off']);
    const token = await fetch(`${url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'http://auth0.com/oauth/grant-type/passwordless/otp',
        client_id: 'pwl-native',
        realm: 'email',
        username: 'alice@example.com',
        otp: '000000',
      }),
    });
    expect(token.status).toBe(403);
    expect(token.headers.get('x-ratelimit-limit')).toBe('1000000000');
  });

  it('exits with an error for a bad port, a bad --rate-limits or a missing config file', async () => {
    await expect(runCli(['--port', 'abc'])).rejects.toThrow(/--port must be 0\.\.65535/);
    await expect(runCli(['--port', '0', '--rate-limits', 'maybe'])).rejects.toThrow(/must be on or off/);
    await expect(runCli(['--port', '0', '--config', '/nonexistent/emulator.json'])).rejects.toThrow(
      /exited with 1/,
    );
  });
});
