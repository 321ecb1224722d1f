import { usePasswordlessContext, type PasswordlessFlowState } from '@passwordless-xstate/react';
import { useState, type FormEvent } from 'react';
import { EnrollmentDetails } from '../Enrollment.tsx';
import { Alert, CodeField, StepHeader, SubmitButton } from '../ui.tsx';
import { MfaLinks } from './MfaLinks.tsx';

function copy(flow: PasswordlessFlowState): { title: string; lead: string } {
  const mfa = flow.mfa;
  const target = mfa?.selectedAuthenticator?.name;
  if (mfa?.enrollment?.factor === 'otp')
    return {
      title: 'Set up your authenticator app',
      lead: 'Scan the code, then enter the 6 digits the app shows.',
    };
  if (mfa?.challenge === 'otp')
    return {
      title: 'Enter your authenticator code',
      lead: 'Open your authenticator app and enter the 6-digit code.',
    };
  const channel = mfa?.enrollment?.factor ?? mfa?.selectedAuthenticator?.oobChannel;
  const by = channel === 'email' ? 'email' : channel === 'voice' ? 'voice call' : 'SMS';
  return {
    title: 'Enter the code we sent',
    lead: `We sent a 6-digit code by ${by}${target ? ` to ${target}` : ''}.`,
  };
}

export function MfaCodeStep() {
  const flow = usePasswordlessContext();
  const [code, setCode] = useState('');
  const { title, lead } = copy(flow);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    flow.submitMfaCode(code);
  };
  return (
    <form onSubmit={submit} noValidate>
      <StepHeader title={title}>{lead}</StepHeader>
      {flow.mfa?.enrollment ? <EnrollmentDetails enrollment={flow.mfa.enrollment} /> : null}
      <CodeField
        label="Authentication code"
        value={code}
        onChange={setCode}
        onComplete={flow.submitMfaCode}
        error={flow.error}
      />
      <Alert message={flow.error?.message} />
      <SubmitButton busy={flow.busy} label="Verify" busyLabel="Verifying…" />
      {flow.mfa?.challenge === 'oob' && flow.can.resend ? (
        <button type="button" className="button secondary" onClick={flow.resend}>
          Send a new code
        </button>
      ) : null}
      <MfaLinks flow={flow} />
    </form>
  );
}
