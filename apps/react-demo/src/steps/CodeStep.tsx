import { usePasswordlessContext, type PasswordlessFlowState } from '@passwordless-xstate/react';
import { useState, type FormEvent } from 'react';
import { clock } from 'demo-shared/format';
import { Alert, CodeField, StepHeader, SubmitButton } from '../ui.tsx';
import { ResendRow } from './Resend.tsx';

function problem(flow: PasswordlessFlowState): string | undefined {
  if (!flow.codeExpired) return flow.error?.message;
  if (flow.error?.code === 'code_expired' || flow.attemptsLeft > 0)
    return 'This code has expired. Request a new one below.';
  return 'Too many wrong attempts. Request a new code below.';
}

export function CodeStep() {
  const flow = usePasswordlessContext();
  const [code, setCode] = useState('');
  const verifying = flow.step === 'verifying';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    flow.submitCode(code);
  };
  return (
    <form onSubmit={submit} noValidate>
      <StepHeader title={flow.connection === 'email' ? 'Check your email' : 'Check your phone'}>
        We sent a 6-digit code to <strong>{flow.identifier}</strong>.
      </StepHeader>
      <CodeField
        label="One-time code"
        value={code}
        onChange={setCode}
        onComplete={flow.submitCode}
        error={flow.error}
        disabled={flow.codeExpired}
        describedBy="code-meta"
      />
      <p id="code-meta" className="hint">
        {flow.codeExpired || flow.secondsUntilExpiry === null
          ? ''
          : `Expires in ${clock(flow.secondsUntilExpiry)}`}
        {flow.error?.code === 'invalid_code' && flow.attemptsLeft > 0
          ? ` · ${flow.attemptsLeft} ${flow.attemptsLeft === 1 ? 'attempt' : 'attempts'} left`
          : ''}
      </p>
      <Alert message={problem(flow)} />
      <SubmitButton busy={verifying} disabled={flow.codeExpired} label="Verify" busyLabel="Verifying…" />
      <ResendRow flow={flow} what="code" onResend={() => setCode('')} />
    </form>
  );
}
