import { usePasswordlessContext } from '@passwordless-xstate/react';
import { clock } from 'demo-shared/format';
import { Icon } from '../Icon.tsx';
import { Alert, StepHeader } from '../ui.tsx';
import { ResendRow } from './Resend.tsx';

export function LinkSentStep() {
  const flow = usePasswordlessContext();
  return (
    <div>
      <span className="hero-icon">
        <Icon name="email" size={28} />
      </span>
      <StepHeader title="Check your email" focus>
        We sent a sign-in link to <strong>{flow.identifier}</strong>. Open it in this browser to continue.
      </StepHeader>
      <p className="hint">
        {flow.codeExpired || flow.secondsUntilExpiry === null
          ? 'This link has expired. Request a new one.'
          : `The link works for ${clock(flow.secondsUntilExpiry)} more.`}
      </p>
      <Alert message={flow.error?.message} />
      <ResendRow flow={flow} what="link" />
    </div>
  );
}
