import { usePasswordlessContext, type PasswordlessFlowState } from '@passwordless-xstate/react';
import { useState, type FormEvent } from 'react';
import { copy } from 'demo-shared/copy';
import { clock } from 'demo-shared/format';
import { Alert, CodeField, StepHeader, SubmitButton, useCodeSubmit } from '../ui.tsx';
import { ResendRow } from './Resend.tsx';

function problem(flow: PasswordlessFlowState): string | undefined {
  if (!flow.codeExpired) return flow.error?.message;
  if (flow.error?.code === 'code_expired' || flow.attemptsLeft > 0) return copy.code.expired;
  return copy.code.tooManyAttempts;
}

export function CodeStep() {
  const flow = usePasswordlessContext();
  const [code, setCode] = useState('');
  const verifying = flow.step === 'verifying';
  const submitCode = useCodeSubmit(flow.submitCode, flow);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    submitCode(code);
  };
  return (
    <form onSubmit={submit} noValidate>
      <StepHeader title={copy.code.title(flow.connection)}>
        {copy.code.leadBefore}
        <strong>{flow.identifier}</strong>
        {copy.code.leadAfter}
      </StepHeader>
      <CodeField
        label={copy.code.label}
        value={code}
        onChange={setCode}
        onComplete={submitCode}
        error={flow.error}
        disabled={flow.codeExpired}
        describedBy={flow.codeResent ? 'code-resent code-meta' : 'code-meta'}
      />
      {flow.codeResent ? (
        <p id="code-resent" className="hint">
          {copy.code.resent}
        </p>
      ) : null}
      <p id="code-meta" className="hint">
        {flow.codeExpired || flow.secondsUntilExpiry === null
          ? ''
          : copy.code.expiresIn(clock(flow.secondsUntilExpiry))}
        {flow.error?.code === 'invalid_code' && flow.attemptsLeft > 0
          ? copy.code.attemptsLeft(flow.attemptsLeft)
          : ''}
      </p>
      <Alert message={problem(flow)} />
      <SubmitButton
        busy={verifying}
        disabled={flow.codeExpired}
        label={copy.code.submit}
        busyLabel={copy.code.busy}
      />
      <ResendRow flow={flow} what="code" onResend={() => setCode('')} />
    </form>
  );
}
