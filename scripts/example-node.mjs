// `pnpm example:node`: runs packages/core/examples/node-login.ts against an emulator, so a fresh clone
// needs no second terminal. The emulator is, in order: AUTH0_BASE_URL when set, the one `pnpm dev` or
// `pnpm emulator` runs on port 4000, else a new one on a free port, closed again afterwards.
// Runs under tsx (core's devDependency), which loads the TypeScript sources of both packages.
import { startEmulator } from '../packages/emulator/src/index.ts';

const usual = 'http://127.0.0.1:4000/';

async function isEmulator(url) {
  try {
    const response = await globalThis.fetch(`${url}__dev/outbox`, {
      signal: globalThis.AbortSignal.timeout(1000),
    });
    return response.ok && Array.isArray(await response.json());
  } catch {
    return false;
  }
}

let emulator;
if (process.env.AUTH0_BASE_URL) {
  console.error(`example:node: using AUTH0_BASE_URL=${process.env.AUTH0_BASE_URL}`);
} else if (await isEmulator(usual)) {
  process.env.AUTH0_BASE_URL = usual;
  console.error(`example:node: using the emulator already running at ${usual}`);
} else {
  emulator = await startEmulator({ port: 0, log: false });
  process.env.AUTH0_BASE_URL = `${emulator.url}/`;
  console.error(`example:node: started an emulator for this run at ${emulator.url}`);
}

try {
  // The example reads AUTH0_BASE_URL when it is imported, so it is imported only now.
  await import('../packages/core/examples/node-login.ts');
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await emulator?.close();
}
