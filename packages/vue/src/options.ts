import type { PasswordlessOptions, PasswordlessStorage } from '@passwordless-xstate/core';

export interface PersistOptions {
  /** `sessionStorage`, `localStorage` or your own; written only once the flow starts in the browser. */
  storage: PasswordlessStorage;
  key?: string;
  /** See core's `persistPasswordless`: needed to resume MFA steps and sessions, at a cost. */
  includeSecrets?: boolean;
}

export interface UsePasswordlessOptions extends PasswordlessOptions {
  /** Restore the flow when it is created and save it as it changes. Off by default. */
  persist?: PersistOptions | false;
}
