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
 * all ask here first, so a code in flight is never sent again. Only the flow's answer (an error) or
 * a different code opens the way again; the chart's own "ignore while busy" is not relied upon.
 */
export class CodeSubmission {
  private sent: string | null = null;

  /** True if `code` may be submitted now (and from now on counts as sent). */
  take(code: string): boolean {
    if (code === this.sent) return false;
    this.sent = code;
    return true;
  }

  /** The flow answered with an error: the same code may be tried again (e.g. after a network failure). */
  release(): void {
    this.sent = null;
  }
}
