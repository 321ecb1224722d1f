import { usePasswordlessContext } from '@passwordless-xstate/react';
import { copy } from 'demo-shared/copy';
import { Alert, StepHeader } from '../ui.tsx';

export function MfaFailedStep() {
  const flow = usePasswordlessContext();
  return (
    <div>
      <StepHeader title={copy.mfaFailed.title} focus>
        {copy.mfaFailed.lead}
      </StepHeader>
      <Alert message={flow.error?.message} />
      <div className="row">
        <button type="button" className="button primary" onClick={flow.retry}>
          {copy.mfaFailed.retry}
        </button>
        <button type="button" className="button link" onClick={flow.cancel}>
          {copy.mfaFailed.startOver}
        </button>
      </div>
    </div>
  );
}
