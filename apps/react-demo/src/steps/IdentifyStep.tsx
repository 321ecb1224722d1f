import { usePasswordlessContext, type Connection, type SendMode } from '@passwordless-xstate/react';
import { useState, type FormEvent } from 'react';
import { Alert, StepHeader, SubmitButton } from '../ui.tsx';

export function IdentifyStep() {
  const flow = usePasswordlessContext();
  const [connection, setConnection] = useState<Connection>(flow.connection);
  const [send, setSend] = useState<SendMode>(flow.send);
  const [identifier, setIdentifier] = useState(flow.identifier);
  const mode = connection === 'sms' ? 'code' : send;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    flow.submitIdentifier(identifier, { connection, send: mode });
  };
  const switchTo = (next: Connection) => {
    setConnection(next);
    setIdentifier('');
  };
  return (
    <form onSubmit={submit} noValidate>
      <StepHeader title="Sign in to Acme Cloud">No password needed: we send you a one-time code.</StepHeader>
      <fieldset className="segmented">
        <legend>Sign in with</legend>
        <Choice
          name="connection"
          value="email"
          checked={connection === 'email'}
          onSelect={() => switchTo('email')}
        >
          Email
        </Choice>
        <Choice name="connection" value="sms" checked={connection === 'sms'} onSelect={() => switchTo('sms')}>
          SMS
        </Choice>
      </fieldset>
      {connection === 'email' ? (
        <fieldset className="segmented">
          <legend>Send me</legend>
          <Choice name="send" value="code" checked={mode === 'code'} onSelect={() => setSend('code')}>
            A code
          </Choice>
          <Choice name="send" value="link" checked={mode === 'link'} onSelect={() => setSend('link')}>
            A magic link
          </Choice>
        </fieldset>
      ) : null}
      <div className="field">
        <label htmlFor="identifier">{connection === 'email' ? 'Email address' : 'Phone number'}</label>
        {/* One element for both kinds: a new one would take focus from the radios' arrow keys. */}
        <input
          id="identifier"
          type={connection === 'email' ? 'email' : 'tel'}
          autoComplete={connection === 'email' ? 'email' : 'tel'}
          placeholder={connection === 'email' ? 'you@example.com' : '+15555550100'}
          autoFocus
          required
          value={identifier}
          aria-invalid={flow.error ? true : undefined}
          aria-describedby={connection === 'sms' ? 'phone-hint' : undefined}
          onChange={(event) => setIdentifier(event.target.value)}
        />
        {connection === 'sms' ? (
          <p id="phone-hint" className="hint">
            International format, starting with + and the country code.
          </p>
        ) : null}
      </div>
      <Alert message={flow.error?.message} />
      <SubmitButton
        busy={flow.busy}
        unavailable={!flow.can.submitIdentifier}
        label={mode === 'link' ? 'Send magic link' : 'Send code'}
        busyLabel="Sending…"
      />
    </form>
  );
}

function Choice(props: {
  name: string;
  value: string;
  checked: boolean;
  onSelect: () => void;
  children: string;
}) {
  return (
    <label className="choice">
      <input
        type="radio"
        name={props.name}
        value={props.value}
        checked={props.checked}
        onChange={props.onSelect}
      />
      <span>{props.children}</span>
    </label>
  );
}
