import { usePasswordlessContext } from '@passwordless-xstate/react';
import { copy } from 'demo-shared/copy';
import { EnrollmentDetails } from '../Enrollment.tsx';
import { Alert, StepHeader } from '../ui.tsx';
import { MfaLinks } from './MfaLinks.tsx';

export function MfaPushStep() {
  const flow = usePasswordlessContext();
  const push = flow.mfa?.push;
  const device = flow.mfa?.selectedAuthenticator?.name;
  const checks = push ? copy.mfaPush.checks(push.polls) : '';
  return (
    <div>
      <StepHeader title={copy.mfaPush.title(Boolean(push?.rejected))} focus>
        {push?.rejected ? copy.mfaPush.rejected : copy.mfaPush.sent(device)}
      </StepHeader>
      {flow.mfa?.enrollment ? <EnrollmentDetails enrollment={flow.mfa.enrollment} /> : null}
      {push && !push.rejected ? (
        <div className="push-wait">
          <span className="pulse" aria-hidden="true" />
          <p className="hint">
            {flow.busy ? copy.mfaPush.checking : copy.mfaPush.waiting(push.secondsUntilNextPoll)}
            <br />
            {checks}
          </p>
        </div>
      ) : null}
      <Alert message={flow.error?.message} />
      {push?.rejected ? (
        <button type="button" className="button primary" onClick={flow.retry}>
          {copy.mfaPush.retry}
        </button>
      ) : null}
      <MfaLinks flow={flow} />
    </div>
  );
}
