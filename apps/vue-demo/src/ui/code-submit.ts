import { watch } from 'vue';
import { CodeSubmission } from 'demo-shared/code-entry';

/**
 * `submit` once per code (auto-submit, Enter and the button all go through it); the flow's error
 * allows the same code again.
 */
export function useCodeSubmit(submit: (code: string) => void, error: () => unknown): (code: string) => void {
  const guard = new CodeSubmission();
  watch(error, (current) => {
    if (current) guard.release();
  });
  return (code) => {
    if (guard.take(code)) submit(code);
  };
}
