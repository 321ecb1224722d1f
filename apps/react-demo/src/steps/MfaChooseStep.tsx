import { usePasswordlessContext } from '@passwordless-xstate/react';
import { copy } from 'demo-shared/copy';
import { describeAuthenticator } from 'demo-shared/format';
import { Icon } from '../Icon.tsx';
import { Alert, StepHeader } from '../ui.tsx';

export function MfaChooseStep() {
  const flow = usePasswordlessContext();
  return (
    <div>
      <StepHeader title={copy.mfaChoose.title} focus>
        {copy.mfaChoose.lead}
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
            {copy.mfaLinks.recoveryCode}
          </button>
        ) : null}
        <button type="button" className="button link" onClick={flow.cancel}>
          {copy.mfaLinks.cancel}
        </button>
      </div>
    </div>
  );
}
