import { PasswordlessError } from '../errors.ts';

/**
 * A module loaded once, on first use. A failed load (offline, a deploy that replaced the chunk) is
 * a `network` error like any other request's, and the next call tries to load it again.
 */
export function lazyModule<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((cause: unknown) => {
      loading = undefined;
      throw new PasswordlessError('network', {
        message: 'Part of the sign-in could not be loaded. Check your connection and try again.',
        cause,
      });
    }));
}
