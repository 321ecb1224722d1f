import { usePasswordlessContext } from '@passwordless-xstate/react';
import { describeAuthenticator } from 'demo-shared/format';
import { Icon } from '../Icon.tsx';
import { Alert, StepHeader } from '../ui.tsx';

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
            <button
              type="button"
              className="option"
              onClick={() => flow.selectAuthenticator(authenticator.id)}
            >
              <span className="option-icon">
                <Icon name={authenticator.type} />
              </span>
              {describeAuthenticator(authenticator)}
            </button>
          </li>
        ))}
      </ul>
      <Alert message={flow.error?.message} />
      <div className="links">
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
