import type { PasswordlessOptions, RemoteFlowOptions } from '@passwordless-xstate/core';
import { demoInspect } from './inspection.ts';

const env = import.meta.env;
const domain = env.VITE_AUTH0_DOMAIN || undefined;
const baseUrl = env.VITE_AUTH0_BASE_URL || 'http://127.0.0.1:4000/';

/** The dev outbox exists only on the emulator; a real tenant e-mails and texts for real. */
export const emulatorUrl =
  !domain && /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\/?$/.test(baseUrl)
    ? baseUrl.replace(/\/?$/, '/')
    : null;

const MODE_KEY = 'passwordless-demo-mode';

/**
 * Browser mode: the chart calls the emulator itself with the Native app `pwl-native`. Server mode
 * (`?mode=server`, remembered for the origin): the chart runs in @passwordless-xstate/server with
 * the Regular Web App `pwl-web` (`pnpm dev:server`), behind the demo's /auth proxy.
 */
export function demoMode(): 'browser' | 'server' {
  const asked = new URLSearchParams(window.location.search).get('mode');
  if (asked === 'server' || asked === 'browser') window.localStorage.setItem(MODE_KEY, asked);
  return window.localStorage.getItem(MODE_KEY) === 'server' ? 'server' : 'browser';
}

export const isServerMode = () => demoMode() === 'server';

/** The flow's options for either demo; `app` names its storage key so the two never share a flow. */
export function flowOptions(app: 'react' | 'vue'): PasswordlessOptions | RemoteFlowOptions {
  if (isServerMode()) return { server: '/auth/passwordless' };
  const params = new URLSearchParams(window.location.search);
  return {
    clientId: env.VITE_AUTH0_CLIENT_ID || 'pwl-native',
    ...(domain ? { domain } : { baseUrl }),
    ...(env.VITE_AUTH0_AUDIENCE ? { audience: env.VITE_AUTH0_AUDIENCE } : {}),
    // Auth0 allows a poll every 5 s (the default); the e2e build polls an emulator set to 1 s.
    ...(env.VITE_PUSH_POLL_SECONDS ? { pushPollIntervalSeconds: Number(env.VITE_PUSH_POLL_SECONDS) } : {}),
    // `phone` puts phone_number in the ID token, so SMS users see who they are signed in as.
    scope: 'openid profile email phone offline_access',
    redirectUri: `${window.location.origin}/callback`,
    /*
     * By default only the identify and code steps survive a reload, and no secret is stored: the
     * safe choice we recommend. `?persist=secrets` also keeps the mfa_token and tokens in
     * sessionStorage, so a reload resumes an MFA step or the signed-in session. That is tolerable
     * for a demo (per tab, gone with it, emulator tokens are worthless); a production app should
     * weigh that any script on the origin (an XSS, a compromised dependency) can read it.
     */
    persist: {
      storage: window.sessionStorage,
      key: `passwordless-${app}-demo`,
      includeSecrets: params.get('persist') === 'secrets',
    },
    inspect: demoInspect(window.location.search),
  };
}

/** `?panel=inspector` opens the statechart inspector at load (the e2e suite uses it). */
export const inspectorOpenAtStart = () =>
  new URLSearchParams(window.location.search).get('panel') === 'inspector';
