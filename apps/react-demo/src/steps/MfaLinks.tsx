import type { PasswordlessFlowState } from '@passwordless-xstate/react';
import { copy } from 'demo-shared/copy';

/** The ways out of an MFA challenge: another factor, a recovery code, or giving up. */
export function MfaLinks({ flow }: { flow: PasswordlessFlowState }) {
  const enrolling = Boolean(flow.mfa?.enrollment);
  const others = (flow.mfa?.authenticators.length ?? 0) > 1;
  return (
    <div className="links">
      {flow.can.back && (enrolling || others) ? (
        <button type="button" className="button link" onClick={flow.back}>
          {copy.mfaLinks.back(enrolling)}
        </button>
      ) : null}
      {flow.can.useRecoveryCode ? (
        <button type="button" className="button link" onClick={flow.useRecoveryCode}>
          {copy.mfaLinks.recoveryCode}
        </button>
      ) : null}
      <button type="button" className="button link" onClick={flow.cancel}>
        {copy.mfaLinks.cancel}
      </button>
    </div>
  );
}
