import { usePasswordlessContext } from '@passwordless-xstate/react';
import { Alert, StepHeader } from '../ui.tsx';

export function MfaFailedStep() {
  const flow = usePasswordlessContext();
  return (
    <div>
      <StepHeader title="We couldn't continue" focus>
        The verification step did not go through.
      </StepHeader>
      <Alert message={flow.error?.message} />
      <div className="row">
        <button type="button" className="button primary" onClick={flow.retry}>
          Try again
        </button>
        <button type="button" className="button link" onClick={flow.cancel}>
          Start over
        </button>
      </div>
    </div>
  );
}
