import { fromCallback, fromPromise } from 'xstate';
import { loadAuth0Calls } from '../api/client.ts';
import { PasswordlessError } from '../errors.ts';
import type { PasswordlessConfig, PasswordlessStorage } from './types.ts';

/**
 * A magic link's transaction where every tab of the browser can read it. A mail client opens the
 * link in a new tab, whose chart never saw the request: it finds the transaction here by the
 * link's `state`, completes the sign-in, and marks it used, which the asking tab hears about.
 */
export interface SharedLink {
  state: string;
  nonce: string;
  identifier: string;
  codeSentAt: number;
  codeExpiresAt: number;
  /** When another tab exchanged the link (it is then kept only so the asking tab can tell). */
  usedAt?: number;
}

/** Where links are shared: `localStorage` in a browser, nowhere else (a server keeps its own flows). */
export type LinkStorageResolver = () => PasswordlessStorage | undefined;

export const browserLinkStorage: LinkStorageResolver = () => {
  if (typeof window === 'undefined') return undefined;
  try {
    return window.localStorage;
  } catch {
    // Storage disabled (privacy settings): links then work only in the tab that asked.
    return undefined;
  }
};

const KEY_PREFIX = 'passwordless-xstate:link:';
const keyOf = (state: string) => `${KEY_PREFIX}${state}`;

function read(storage: PasswordlessStorage, state: string): SharedLink | undefined {
  try {
    const parsed = JSON.parse(storage.getItem(keyOf(state)) ?? 'null') as Partial<SharedLink> | null;
    const usable =
      parsed !== null &&
      parsed.state === state &&
      typeof parsed.nonce === 'string' &&
      typeof parsed.identifier === 'string' &&
      typeof parsed.codeSentAt === 'number' &&
      typeof parsed.codeExpiresAt === 'number';
    return usable ? (parsed as SharedLink) : undefined;
  } catch {
    return undefined;
  }
}

function write(storage: PasswordlessStorage | undefined, link: SharedLink): void {
  try {
    storage?.setItem(keyOf(link.state), JSON.stringify(link));
  } catch {
    // Storage full or disabled: only the asking tab can complete this link.
  }
}

/** Shared links whose code has expired, removed so that storage does not fill up with them. */
function prune(storage: PasswordlessStorage, now: number): void {
  const listing = storage as Partial<Pick<Storage, 'key' | 'length'>>;
  if (typeof listing.key !== 'function' || typeof listing.length !== 'number') return;
  const keys = Array.from({ length: listing.length }, (_, index) => listing.key?.(index) ?? '');
  for (const key of keys.filter((name) => name.startsWith(KEY_PREFIX))) {
    const link = read(storage, key.slice(KEY_PREFIX.length));
    if (!link || now >= link.codeExpiresAt) storage.removeItem(key);
  }
}

export function shareLink(storage: PasswordlessStorage | undefined, link: SharedLink, now: number): void {
  if (!storage) return;
  try {
    prune(storage, now);
  } catch {
    // A storage that cannot be listed is still written to.
  }
  write(storage, link);
}

export function markLinkUsed(storage: PasswordlessStorage | undefined, state: string, now: number): void {
  const link = storage && read(storage, state);
  if (link) write(storage, { ...link, usedAt: now });
}

const notFromThisBrowser = () =>
  new PasswordlessError('state_mismatch', {
    message:
      'This sign-in link was requested in another browser or on another device, or it has expired. Open it where you asked for it, or request a new one here.',
  });

/** The actors that share magic links between the tabs of one browser. */
export function createLinkActors(storageFor: LinkStorageResolver, now: () => number) {
  return {
    /** A tab that never asked for the link: the transaction another tab of this browser stored. */
    findSharedLink: fromPromise<
      SharedLink & { callbackUrl: string },
      { callbackUrl: string; config: PasswordlessConfig }
    >(async ({ input }) => {
      const { parseMagicLinkCallback } = await loadAuth0Calls();
      const { state } = parseMagicLinkCallback(input.callbackUrl);
      const storage = storageFor();
      const link = state === undefined || !storage ? undefined : read(storage, state);
      if (!link || link.usedAt !== undefined || now() >= link.codeExpiresAt) throw notFromThisBrowser();
      return { ...link, callbackUrl: input.callbackUrl };
    }),

    /** The asking tab: told when another tab has used its link (a `storage` event, or already done). */
    linkUseWatcher: fromCallback<{ type: 'noop' }, { state: string | null }>(({ input, sendBack }) => {
      const storage = storageFor();
      const { state } = input;
      if (!storage || state === null || typeof window === 'undefined') return undefined;
      const check = () => {
        if (read(storage, state)?.usedAt !== undefined) sendBack({ type: 'MAGIC_LINK_USED_ELSEWHERE' });
      };
      check();
      const onStorage = (event: StorageEvent) => {
        if (event.key === keyOf(state)) check();
      };
      window.addEventListener('storage', onStorage);
      return () => window.removeEventListener('storage', onStorage);
    }),
  };
}
