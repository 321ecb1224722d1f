import { useCallback, useEffect, useRef, useState, type ClipboardEvent, type ReactNode } from 'react';
import { CodeSubmission, completedByTyping } from 'demo-shared/code-entry';
import { digits } from 'demo-shared/format';

/** The step's title. Steps without a field to focus take focus here, so screen readers announce them. */
export function StepHeader(props: { title: string; focus?: boolean; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (props.focus) heading.current?.focus();
  }, [props.focus]);
  return (
    <div className="step-header">
      <h1 ref={heading} tabIndex={-1}>
        {props.title}
      </h1>
      {props.children ? <p className="lead">{props.children}</p> : null}
    </div>
  );
}

/** Always in the DOM, so assistive tech hears every new message in it. */
export function Alert({ message }: { message: string | null | undefined }) {
  return (
    <div role="alert" className={message ? 'alert' : 'alert alert-empty'}>
      {message}
    </div>
  );
}

export function Waiting({ title, text }: { title: string; text: string }) {
  return (
    <div className="waiting">
      <span className="spinner" aria-hidden="true" />
      <StepHeader title={title} focus>
        {text}
      </StepHeader>
    </div>
  );
}

/**
 * `submit` once per code (auto-submit, Enter and the button all go through it); the flow's error
 * allows the same code again.
 */
export function useCodeSubmit(
  submit: (code: string) => void,
  flow: { busy: boolean; error: unknown },
): (code: string) => void {
  const [guard] = useState(() => new CodeSubmission());
  const { busy, error } = flow;
  useEffect(() => guard.observe(busy, error), [busy, error, guard]);
  return useCallback((code: string) => (guard.take(code) ? submit(code) : undefined), [guard, submit]);
}

/**
 * One field for the whole code: the OS can fill it (`one-time-code`), a pasted code or the last digit
 * typed submits at once, and after an error the field is selected so the next attempt overwrites it.
 */
export function CodeField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  onComplete: (code: string) => void;
  error: unknown;
  disabled?: boolean;
  describedBy?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (props.error) input.current?.select();
  }, [props.error]);
  const paste = (event: ClipboardEvent<HTMLInputElement>) => {
    const code = digits(event.clipboardData.getData('text'));
    if (code.length < 4) return;
    event.preventDefault();
    props.onChange(code);
    props.onComplete(code);
  };
  return (
    <div className="field">
      <label htmlFor="one-time-code">{props.label}</label>
      <input
        ref={input}
        id="one-time-code"
        className="code-input"
        name="one-time-code"
        autoComplete="one-time-code"
        inputMode="numeric"
        pattern="[0-9]*"
        maxLength={10}
        placeholder="······"
        autoFocus
        required
        value={props.value}
        disabled={props.disabled}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.describedBy}
        onChange={(event) => {
          const code = digits(event.target.value);
          props.onChange(code);
          if (completedByTyping(props.value, code)) props.onComplete(code);
        }}
        onPaste={paste}
      />
    </div>
  );
}

/** `disabled`: no use any more (greyed out); `unavailable`: not yet (the server's flow is loading). */
export function SubmitButton(props: {
  busy: boolean;
  label: string;
  busyLabel: string;
  disabled?: boolean;
  unavailable?: boolean;
}) {
  const { busy, label, busyLabel } = props;
  return (
    <button
      type="submit"
      className={props.disabled ? 'button secondary wide' : 'button primary'}
      disabled={busy || props.disabled || props.unavailable}
      aria-busy={busy || undefined}
    >
      {busy ? <span className="spinner small" aria-hidden="true" /> : null}
      {busy ? busyLabel : label}
    </button>
  );
}
