import type { H3 } from 'h3';
import { createRouter } from './router.ts';
import { registerAuthorize } from './routes/authorize.ts';
import { registerCrossOrigin } from './routes/co-authenticate.ts';
import { registerDev } from './routes/dev.ts';
import { registerHome } from './routes/home.ts';
import { registerLogout } from './routes/logout.ts';
import { registerMagicLink } from './routes/magic-link.ts';
import { registerMfa } from './routes/mfa.ts';
import { registerOidc } from './routes/oidc.ts';
import { registerPasswordlessStart } from './routes/passwordless-start.ts';
import { registerToken } from './routes/token.ts';
import type { EmulatorState } from './state.ts';

export function createEmulatorApp(state: EmulatorState): H3 {
  const router = createRouter(state);
  registerPasswordlessStart(router);
  registerMagicLink(router);
  registerCrossOrigin(router);
  registerAuthorize(router);
  registerLogout(router);
  registerToken(router);
  registerMfa(router);
  registerOidc(router);
  registerDev(router);
  registerHome(router);
  router.fallback();
  return router.app;
}
