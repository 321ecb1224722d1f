import { useState, type FormEvent } from 'react';
import type { UsePasswordlessResult } from '../src/index.ts';

/** A bare UI over the hook: one form per step, enough for Testing Library to drive every step. */
export function FlowUi({ flow }: { flow: UsePasswordlessResult }) {
  const [value, setValue] = useState('');
  const submit = (action: (value: string) => void) => (event: FormEvent) => {
    event.preventDefault();
    action(value);
    setValue('');
  };
  const field = (label: string, action: (value: string) => void) => (
    <form onSubmit={submit(action)}>
      <label>
        {label}
        <input value={value} onChange={(event) => setValue(event.target.value)} />
      </label>
      <button type="submit">Continue</button>
    </form>
  );
  return (
    <main>
      <p data-testid="step">{flow.step}</p>
      {flow.error ? <p role="alert">{flow.error.code}</p> : null}
      {flow.step === 'identify' && field('Email', flow.submitIdentifier)}
      {flow.step === 'code' && field('Code', flow.submitCode)}
      {(flow.step === 'mfa_otp' || flow.step === 'mfa_oob') && field('MFA code', flow.submitMfaCode)}
      {flow.step === 'mfa_recovery' && field('Recovery code', flow.submitRecoveryCode)}
      {flow.step === 'mfa_choose' &&
        flow.mfa?.authenticators.map((authenticator) => (
          <button key={authenticator.id} onClick={() => flow.selectAuthenticator(authenticator.id)}>
            {authenticator.type}
          </button>
        ))}
      {flow.step === 'mfa_enroll' && <button onClick={() => flow.enroll('otp')}>Enrol an app</button>}
      {flow.can.useRecoveryCode && <button onClick={flow.useRecoveryCode}>Use a recovery code</button>}
      {flow.mfa?.enrollment?.secret && <p data-testid="secret">{flow.mfa.enrollment.secret}</p>}
      {flow.step === 'mfa_push' && <p>Waiting for approval, poll {flow.mfa?.push?.polls}</p>}
      {flow.step === 'authenticated' && (
        <>
          <p>Signed in as {flow.user?.email ?? flow.user?.phoneNumber}</p>
          {flow.newRecoveryCode && <p data-testid="new-recovery">{flow.newRecoveryCode}</p>}
          <button onClick={flow.logout}>Log out</button>
        </>
      )}
    </main>
  );
}
