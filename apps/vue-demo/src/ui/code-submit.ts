import { watch } from 'vue';
import { CodeSubmission } from 'demo-shared/code-entry';

/**
 * `submit` once per code (auto-submit, Enter and the button all go through it); the flow's answer
 * (a request that ended, or a new error) allows the same code again.
 */
export function useCodeSubmit(
  submit: (code: string) => void,
  flow: { readonly busy: boolean; readonly error: unknown },
): (code: string) => void {
  const guard = new CodeSubmission();
  watch(
    () => [flow.busy, flow.error] as const,
    ([busy, error]) => guard.observe(busy, error),
    { immediate: true },
  );
  return (code) => {
    if (guard.take(code)) submit(code);
  };
}
