import { usePasswordlessContext, type PasswordlessFlowState } from '@passwordless-xstate/react';
import { useState, type FormEvent } from 'react';
import { EnrollmentDetails } from '../Enrollment.tsx';
import { copy } from 'demo-shared/copy';
import { Alert, CodeField, StepHeader, SubmitButton, useCodeSubmit } from '../ui.tsx';
import { MfaLinks } from './MfaLinks.tsx';

function texts(flow: PasswordlessFlowState): { title: string; lead: string } {
  const mfa = flow.mfa;
  const target = mfa?.selectedAuthenticator?.name;
  if (mfa?.enrollment?.factor === 'otp') return copy.mfaCode.enrollOtp;
  if (mfa?.challenge === 'otp') return copy.mfaCode.otp;
  const channel = mfa?.enrollment?.factor ?? mfa?.selectedAuthenticator?.oobChannel;
  const by = channel === 'email' ? 'email' : channel === 'voice' ? 'voice call' : 'SMS';
  return { title: copy.mfaCode.sentTitle, lead: copy.mfaCode.sentLead(by, target) };
}

export function MfaCodeStep() {
  const flow = usePasswordlessContext();
  const [code, setCode] = useState('');
  const { title, lead } = texts(flow);
  const submitCode = useCodeSubmit(flow.submitMfaCode, flow);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    submitCode(code);
  };
  return (
    <form onSubmit={submit} noValidate>
      <StepHeader title={title}>{lead}</StepHeader>
      {flow.mfa?.enrollment ? <EnrollmentDetails enrollment={flow.mfa.enrollment} /> : null}
      <CodeField
        label={copy.mfaCode.label}
        value={code}
        onChange={setCode}
        onComplete={submitCode}
        error={flow.error}
      />
      <Alert message={flow.error?.message} />
      <SubmitButton busy={flow.busy} label={copy.code.submit} busyLabel={copy.code.busy} />
      {flow.mfa?.challenge === 'oob' && flow.can.resend ? (
        <button type="button" className="button secondary" onClick={flow.resend}>
          {copy.mfaCode.resend}
        </button>
      ) : null}
      <MfaLinks flow={flow} />
    </form>
  );
}
