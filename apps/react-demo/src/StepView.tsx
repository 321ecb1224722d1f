import { usePasswordlessSelector } from '@passwordless-xstate/react';
import { copy } from 'demo-shared/copy';
import { CodeStep } from './steps/CodeStep.tsx';
import { IdentifyStep } from './steps/IdentifyStep.tsx';
import { LinkSentStep } from './steps/LinkSentStep.tsx';
import { MfaChooseStep } from './steps/MfaChooseStep.tsx';
import { MfaCodeStep } from './steps/MfaCodeStep.tsx';
import { MfaEnrollStep } from './steps/MfaEnrollStep.tsx';
import { MfaFailedStep } from './steps/MfaFailedStep.tsx';
import { MfaPushStep } from './steps/MfaPushStep.tsx';
import { MfaRecoveryStep } from './steps/MfaRecoveryStep.tsx';
import { SignedInStep } from './steps/SignedInStep.tsx';
import { Waiting } from './ui.tsx';

/** Only the step is selected here, so countdown ticks re-render the step's own component, not this switch. */
export function StepView() {
  const step = usePasswordlessSelector((view) => view.step);
  switch (step) {
    case 'identify':
    case 'sending':
      return <IdentifyStep />;
    case 'code':
    case 'verifying':
      return <CodeStep />;
    case 'link_sent':
      return <LinkSentStep />;
    case 'mfa_loading':
      return <Waiting {...copy.waiting.mfaLoading} />;
    case 'mfa_choose':
      return <MfaChooseStep />;
    case 'mfa_enroll':
      return <MfaEnrollStep />;
    case 'mfa_otp':
    case 'mfa_oob':
      return <MfaCodeStep />;
    case 'mfa_push':
      return <MfaPushStep />;
    case 'mfa_recovery':
      return <MfaRecoveryStep />;
    case 'mfa_failed':
      return <MfaFailedStep />;
    case 'authenticated':
      return <SignedInStep />;
    case 'signing_out':
      return <Waiting {...copy.waiting.signingOut} />;
  }
}
