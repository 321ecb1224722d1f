import { usePasswordlessContext } from '@passwordless-xstate/react';
import { EnrollmentDetails } from '../Enrollment.tsx';
import { Alert, StepHeader } from '../ui.tsx';
import { MfaLinks } from './MfaLinks.tsx';

export function MfaPushStep() {
  const flow = usePasswordlessContext();
  const push = flow.mfa?.push;
  const device = flow.mfa?.selectedAuthenticator?.name ?? 'your phone';
  const checks = push ? `${push.polls} ${push.polls === 1 ? 'check' : 'checks'} so far` : '';
  return (
    <div>
      <StepHeader title={push?.rejected ? 'Sign-in rejected' : 'Approve on your phone'} focus>
        {push?.rejected
          ? 'The request was declined on your device.'
          : `We sent a notification to ${device}. Open it and tap Approve.`}
      </StepHeader>
      {flow.mfa?.enrollment ? <EnrollmentDetails enrollment={flow.mfa.enrollment} /> : null}
      {push && !push.rejected ? (
        <div className="push-wait">
          <span className="pulse" aria-hidden="true" />
          <p className="hint">
            {flow.busy
              ? 'Checking for your approval…'
              : `Waiting for approval · next check in ${push.secondsUntilNextPoll} s`}
            <br />
            {checks}
          </p>
        </div>
      ) : null}
      <Alert message={flow.error?.message} />
      {push?.rejected ? (
        <button type="button" className="button primary" onClick={flow.retry}>
          Try again
        </button>
      ) : null}
      <MfaLinks flow={flow} />
    </div>
  );
}
