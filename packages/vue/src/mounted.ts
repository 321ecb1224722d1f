import { getCurrentInstance, onMounted } from 'vue';

/** In a component, on mount: a server render never runs the flow or its timers. Elsewhere, now. */
export function startWhenMounted(start: () => void): void {
  if (getCurrentInstance()) onMounted(start);
  else start();
}
