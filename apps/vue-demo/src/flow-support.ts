import { injectPasswordless } from '@passwordless-xstate/vue';
import { onBeforeUnmount, onMounted, watch, type Ref } from 'vue';
import { keepFocus } from 'demo-shared/focus';
import { createFlowHistory } from 'demo-shared/history';

/** The card keeps focus on a meaningful control when the focused one is disabled (demo-shared/focus). */
export function useKeptFocus(card: Readonly<Ref<HTMLElement | null>>): void {
  let stop: (() => void) | undefined;
  onMounted(() => {
    if (card.value) stop = keepFocus(card.value);
  });
  onBeforeUnmount(() => stop?.());
}

/** Back and Forward move between the steps a person can go back to (demo-shared/history). */
export function useFlowHistory(): void {
  const flow = injectPasswordless();
  const history = createFlowHistory(() => flow);
  watch(() => flow.step, history.update, { immediate: true });
  onBeforeUnmount(history.stop);
}
