import { usePasswordlessContext, type Connection, type SendMode } from '@passwordless-xstate/react';
import { useState, type FormEvent } from 'react';
import { copy } from 'demo-shared/copy';
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
      <StepHeader title={copy.identify.title}>{copy.identify.lead}</StepHeader>
      <p role="status" className="notice">
        {flow.notice ? copy.notice[flow.notice] : ''}
      </p>
      <fieldset className="segmented">
        <legend>{copy.identify.connectionLegend}</legend>
        <Choice
          name="connection"
          value="email"
          checked={connection === 'email'}
          onSelect={() => switchTo('email')}
        >
          {copy.identify.email}
        </Choice>
        <Choice name="connection" value="sms" checked={connection === 'sms'} onSelect={() => switchTo('sms')}>
          {copy.identify.sms}
        </Choice>
      </fieldset>
      {connection === 'email' ? (
        <fieldset className="segmented">
          <legend>{copy.identify.sendLegend}</legend>
          <Choice name="send" value="code" checked={mode === 'code'} onSelect={() => setSend('code')}>
            {copy.identify.sendCode}
          </Choice>
          <Choice name="send" value="link" checked={mode === 'link'} onSelect={() => setSend('link')}>
            {copy.identify.sendLink}
          </Choice>
        </fieldset>
      ) : null}
      <div className="field">
        <label htmlFor="identifier">{copy.identify.label(connection)}</label>
        {/* One element for both kinds: a new one would take focus from the radios' arrow keys. */}
        <input
          id="identifier"
          type={connection === 'email' ? 'email' : 'tel'}
          autoComplete={connection === 'email' ? 'email' : 'tel'}
          placeholder={copy.identify.placeholder(connection)}
          autoFocus
          required
          value={identifier}
          aria-invalid={flow.error ? true : undefined}
          aria-describedby={connection === 'sms' ? 'phone-hint' : undefined}
          onChange={(event) => setIdentifier(event.target.value)}
        />
        {connection === 'sms' ? (
          <p id="phone-hint" className="hint">
            {copy.identify.phoneHint}
          </p>
        ) : null}
      </div>
      <Alert message={flow.error?.message} />
      <SubmitButton
        busy={flow.busy}
        unavailable={!flow.can.submitIdentifier}
        label={copy.identify.submit(mode)}
        busyLabel={copy.identify.busy}
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
