import { parseArgs } from 'node:util';
import { loadConfigFile, unlimitedRates } from './resolve-config.ts';
import { startEmulator } from './server.ts';

const usage = `passwordless-emulator [--port 4000] [--host 127.0.0.1] [--config emulator.json] [--issuer URL]
                      [--rate-limits on|off]

A local Auth0-compatible server for passwordless login and MFA. Codes and links are printed here
and listed at http://HOST:PORT/__dev.`;

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: process.env.PORT ?? '4000' },
      host: { type: 'string', default: '127.0.0.1' },
      config: { type: 'string' },
      issuer: { type: 'string' },
      'rate-limits': { type: 'string', default: process.env.PASSWORDLESS_EMULATOR_RATE_LIMITS ?? 'on' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535, got ${values.port}`);
  const config = values.config ? await loadConfigFile(values.config) : {};
  if (values.issuer) config.issuer = values.issuer;
  const rateLimits = values['rate-limits'];
  if (rateLimits !== 'on' && rateLimits !== 'off')
    throw new Error(`--rate-limits must be on or off, got ${rateLimits}`);
  if (rateLimits === 'off') config.limits = { ...config.limits, ...unlimitedRates };

  const emulator = await startEmulator({ port, host: values.host, config });
  console.log(`Auth0 emulator listening on ${emulator.url} (issuer ${emulator.issuer})`);
  console.log(`Dev outbox: ${emulator.url}/__dev`);
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
