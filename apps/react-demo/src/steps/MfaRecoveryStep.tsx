import { usePasswordlessContext } from '@passwordless-xstate/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { copy } from 'demo-shared/copy';
import { Alert, StepHeader, SubmitButton } from '../ui.tsx';
import { MfaLinks } from './MfaLinks.tsx';

export function MfaRecoveryStep() {
  const flow = usePasswordlessContext();
  const [code, setCode] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (flow.error) input.current?.select();
  }, [flow.error]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    flow.submitRecoveryCode(code);
  };
  return (
    <form onSubmit={submit} noValidate>
      <StepHeader title={copy.mfaRecovery.title}>{copy.mfaRecovery.lead}</StepHeader>
      <div className="field">
        <label htmlFor="recovery-code">{copy.mfaRecovery.label}</label>
        <input
          ref={input}
          id="recovery-code"
          className="mono"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          autoFocus
          required
          value={code}
          aria-invalid={flow.error ? true : undefined}
          onChange={(event) => setCode(event.target.value.toUpperCase())}
        />
      </div>
      <Alert message={flow.error?.message} />
      <SubmitButton busy={flow.busy} label={copy.code.submit} busyLabel={copy.code.busy} />
      <MfaLinks flow={flow} />
    </form>
  );
}
