import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { startEmulator } from '@passwordless-xstate/emulator';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageRoot = new URL('..', import.meta.url);

describe('the README example', () => {
  it('is the file that CI runs, word for word', async () => {
    const readme = await readFile(new URL('README.md', packageRoot), 'utf8');
    const example = await readFile(new URL('examples/node-login.ts', packageRoot), 'utf8');
    expect(readme).toContain('```ts\n' + example + '```');
  });

  it('logs in with an e-mail code and then MFA OTP against the emulator', async () => {
    const emulator = await startEmulator({ port: 0, log: false });
    try {
      const { stdout } = await run('pnpm', ['exec', 'tsx', 'examples/node-login.ts'], {
        cwd: packageRoot,
        env: { ...process.env, AUTH0_BASE_URL: `${emulator.url}/` },
        timeout: 30_000,
      });
      expect(stdout.trim()).toBe('Signed in as totp@example.com with MFA (amr: mfa)');
    } finally {
      await emulator.close();
    }
  }, 40_000);
});
