import { usePasswordlessContext, type EnrollmentFactor } from '@passwordless-xstate/react';
import { useState, type FormEvent } from 'react';
import { Alert, StepHeader, SubmitButton } from '../ui.tsx';

const labels: Record<EnrollmentFactor, string> = {
  otp: 'Authenticator app',
  sms: 'SMS',
  voice: 'Voice call',
  email: 'Email',
  push: 'Push notification (Guardian app)',
};

export function MfaEnrollStep() {
  const flow = usePasswordlessContext();
  const factors = flow.mfa?.enrollFactors ?? ['otp'];
  const [factor, setFactor] = useState<EnrollmentFactor>(factors[0] ?? 'otp');
  const [phoneNumber, setPhoneNumber] = useState('');
  const needsPhone = factor === 'sms' || factor === 'voice';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    flow.enroll(factor, needsPhone ? { phoneNumber } : {});
  };
  return (
    <form onSubmit={submit} noValidate>
      <StepHeader title="Secure your account" focus>
        Add a second way to confirm it's you. You'll use it each time you sign in.
      </StepHeader>
      <fieldset className="stack">
        <legend>Verification method</legend>
        {factors.map((option) => (
          <label key={option} className="choice-row">
            <input
              type="radio"
              name="factor"
              value={option}
              checked={factor === option}
              onChange={() => setFactor(option)}
            />
            <span>{labels[option]}</span>
          </label>
        ))}
      </fieldset>
      {needsPhone ? (
        <div className="field">
          <label htmlFor="enroll-phone">Phone number</label>
          <input
            id="enroll-phone"
            type="tel"
            autoComplete="tel"
            placeholder="+15555550123"
            required
            value={phoneNumber}
            onChange={(event) => setPhoneNumber(event.target.value)}
          />
        </div>
      ) : null}
      <Alert message={flow.error?.message} />
      <SubmitButton busy={flow.busy} label="Continue" busyLabel="Setting up…" />
      <button type="button" className="button link" onClick={flow.cancel}>
        Cancel sign-in
      </button>
    </form>
  );
}
