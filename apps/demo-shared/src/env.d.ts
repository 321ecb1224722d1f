interface ImportMetaEnv {
  /** A real tenant, e.g. `example.eu.auth0.com`; unset means the local emulator. */
  readonly VITE_AUTH0_DOMAIN?: string;
  readonly VITE_AUTH0_BASE_URL?: string;
  readonly VITE_AUTH0_CLIENT_ID?: string;
  readonly VITE_AUTH0_AUDIENCE?: string;
  /** Seconds between push polls; only for an emulator configured to allow it (the e2e build). */
  readonly VITE_PUSH_POLL_SECONDS?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
