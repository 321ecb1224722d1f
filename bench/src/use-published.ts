// Preloaded with `--import`: every `@passwordless-xstate/*` import, from the bench and from our
// packages' own `dist`, loads the built files a user installs, never the workspace's `src`.
import { registerHooks } from 'node:module';
import { pathToFileURL } from 'node:url';
import { resolvePublished } from './published.ts';

registerHooks({
  resolve(specifier, context, nextResolve) {
    const file = resolvePublished(specifier);
    return file
      ? { url: pathToFileURL(file).href, format: 'module', shortCircuit: true }
      : nextResolve(specifier, context);
  },
});
