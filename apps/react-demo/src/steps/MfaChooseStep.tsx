import { usePasswordlessContext } from '@passwordless-xstate/react';
import { describeAuthenticator } from '../format.ts';
import { Alert, StepHeader } from '../ui.tsx';

const icons: Record<string, string> = { otp: '🔢', phone: '💬', email: '✉️', 'push-notification': '📱' };

export function MfaChooseStep() {
  const flow = usePasswordlessContext();
  return (
    <div>
      <StepHeader title="Verify it's you" focus>
        Choose how to confirm your sign-in.
      </StepHeader>
      <ul className="options">
        {flow.mfa?.authenticators.map((authenticator) => (
          <li key={authenticator.id}>
            <button type="button" className="option" onClick={() => flow.selectAuthenticator(authenticator.id)}>
              <span className="option-icon" aria-hidden="true">
                {icons[authenticator.type] ?? '🔐'}
              </span>
              {describeAuthenticator(authenticator)}
            </button>
          </li>
        ))}
      </ul>
      <Alert message={flow.error?.message} />
      <div className="row">
        {flow.can.useRecoveryCode ? (
          <button type="button" className="button link" onClick={flow.useRecoveryCode}>
            Use a recovery code
          </button>
        ) : null}
        <button type="button" className="button link" onClick={flow.cancel}>
          Cancel sign-in
        </button>
      </div>
    </div>
  );
}
