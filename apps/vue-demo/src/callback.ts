import { injectPasswordless } from '@passwordless-xstate/vue';
import { onMounted } from 'vue';

/** `/callback`: the magic link lands here; the flow it belongs to was restored from sessionStorage. */
export function useMagicLinkCallback(): void {
  const { handleMagicLinkCallback } = injectPasswordless();
  onMounted(() => {
    if (window.location.pathname !== '/callback') return;
    handleMagicLinkCallback(window.location.href);
    // The code in the URL is single-use: keep it out of history and of a reload.
    window.history.replaceState(null, '', '/');
  });
}
