/** Digits in a complete code: the e-mail/SMS code and the MFA codes (recovery codes are longer). */
export const CODE_LENGTH = 6;

/**
 * The person typed the digit that completes the code. A bulk change (paste, which submits by
 * itself, or the OS filling it) is not typing: it goes through the paste handler or the button.
 */
export const completedByTyping = (previous: string, next: string) =>
  next.length === CODE_LENGTH && next.length === previous.length + 1;

/**
 * Each code is submitted once: the auto-submit, a second input event, Enter and the Verify button
 * all ask here first, so a code in flight is never sent again. Only the flow's answer opens the way
 * again (a request that ended, or a new error), or a different code; the chart's own "ignore while
 * busy" is not relied upon. The answer is read from `busy` ending as well as from the error, since an
 * answer may repeat the error already shown (a server-mode view keeps it while the request runs).
 */
export class CodeSubmission {
  private sent: string | null = null;
  private busy = false;
  private error: unknown = null;

  /** True if `code` may be submitted now (and from now on counts as sent). */
  take(code: string): boolean {
    if (code === this.sent) return false;
    this.sent = code;
    return true;
  }

  /** Called with the flow's `busy` and `error` whenever they change. */
  observe(busy: boolean, error: unknown): void {
    const answered = this.busy && !busy;
    const newError = !busy && error !== null && error !== this.error;
    this.busy = busy;
    this.error = error;
    if (answered || newError) this.sent = null;
  }
}
