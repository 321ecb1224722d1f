import type { UsePasswordlessOptions } from '@passwordless-xstate/vue';

const env = import.meta.env;
const domain = env.VITE_AUTH0_DOMAIN || undefined;
const baseUrl = env.VITE_AUTH0_BASE_URL || 'http://127.0.0.1:4000/';

/** The dev outbox exists only on the emulator; a real tenant e-mails and texts for real. */
export const emulatorUrl =
  !domain && /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\/?$/.test(baseUrl)
    ? baseUrl.replace(/\/?$/, '/')
    : null;

export function flowOptions(): UsePasswordlessOptions {
  return {
    clientId: env.VITE_AUTH0_CLIENT_ID || 'pwl-native',
    ...(domain ? { domain } : { baseUrl }),
    ...(env.VITE_AUTH0_AUDIENCE ? { audience: env.VITE_AUTH0_AUDIENCE } : {}),
    // `phone` puts phone_number in the ID token, so SMS users see who they are signed in as.
    scope: 'openid profile email phone offline_access',
    redirectUri: `${window.location.origin}/callback`,
    /*
     * includeSecrets keeps the mfa_token, codes in flight and tokens in sessionStorage, so a reload
     * resumes even an MFA step or the signed-in session. Acceptable for a demo: sessionStorage is
     * per tab, gone when the tab closes, and the emulator's tokens are worthless. A production app
     * should weigh that any script on the origin (an XSS, a compromised dependency) can read it:
     * prefer the default (no secrets: identify and code steps survive a reload, MFA restarts), or
     * keep tokens in memory and let the server hold the session.
     */
    persist: { storage: window.sessionStorage, key: 'passwordless-vue-demo', includeSecrets: true },
  };
}
