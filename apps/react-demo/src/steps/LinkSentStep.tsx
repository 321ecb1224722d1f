import { usePasswordlessContext } from '@passwordless-xstate/react';
import { copy } from 'demo-shared/copy';
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
      <StepHeader title={copy.linkSent.title} focus>
        {copy.linkSent.leadBefore}
        <strong>{flow.identifier}</strong>
        {copy.linkSent.leadAfter}
      </StepHeader>
      <p className="hint">
        {flow.codeExpired || flow.secondsUntilExpiry === null
          ? copy.linkSent.expired
          : copy.linkSent.worksFor(clock(flow.secondsUntilExpiry))}
      </p>
      <Alert message={flow.error?.message} />
      <ResendRow flow={flow} what="link" />
    </div>
  );
}
