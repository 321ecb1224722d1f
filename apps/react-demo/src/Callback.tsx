import { usePasswordlessActions } from '@passwordless-xstate/react';
import { useEffect } from 'react';

/** `/callback`: the magic link lands here; the flow it belongs to was restored from sessionStorage. */
export function MagicLinkCallback() {
  const { handleMagicLinkCallback } = usePasswordlessActions();
  useEffect(() => {
    if (window.location.pathname !== '/callback') return;
    // A macrotask later, once the provider's actor has started (StrictMode mounts effects twice first).
    const timer = setTimeout(() => {
      handleMagicLinkCallback(window.location.href);
      // The code in the URL is single-use: keep it out of history and of a reload.
      window.history.replaceState(null, '', '/');
    }, 0);
    return () => clearTimeout(timer);
  }, [handleMagicLinkCallback]);
  return null;
}
