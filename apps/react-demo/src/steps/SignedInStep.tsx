import { usePasswordlessContext } from '@passwordless-xstate/react';
import { Alert, StepHeader } from '../ui.tsx';

const shown = ['sub', 'name', 'email', 'email_verified', 'phone_number', 'amr', 'iss', 'aud', 'iat', 'exp'];

function format(name: string, value: unknown): string {
  if ((name === 'iat' || name === 'exp') && typeof value === 'number')
    return new Date(value * 1000).toLocaleString();
  return Array.isArray(value) ? value.join(', ') : String(value);
}

export function SignedInStep() {
  const flow = usePasswordlessContext();
  const user = flow.user;
  const who = user?.email ?? user?.phoneNumber ?? (flow.identifier || user?.sub || 'you');
  const claims = Object.entries(flow.claims ?? {}).filter(([name]) => shown.includes(name));
  return (
    <div>
      <StepHeader title={`Welcome${user?.name ? `, ${user.name.split(' ')[0]}` : ''}`} focus>
        Signed in as <strong>{who}</strong>
      </StepHeader>
      {flow.newRecoveryCode ? (
        <div className="notice" role="status">
          <p>
            <strong>Your recovery code was used.</strong> Here is your new one; save it now, it is shown once:
          </p>
          <code className="secret">{flow.newRecoveryCode}</code>
          <button type="button" className="button secondary" onClick={flow.acknowledgeRecoveryCode}>
            I've saved it
          </button>
        </div>
      ) : null}
      <div className="profile">
        <span className="avatar" aria-hidden="true">
          {(user?.name ?? who).slice(0, 1).toUpperCase()}
        </span>
        <div>
          <div className="profile-name">{user?.name ?? who}</div>
          <div className="hint">{user?.sub}</div>
        </div>
      </div>
      <section aria-labelledby="claims-title" className="claims">
        <h2 id="claims-title">ID token claims</h2>
        <table>
          <tbody>
            {claims.map(([name, value]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td>{format(name, value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {flow.session ? (
          <p className="hint">
            Access token valid until {new Date(flow.session.expiresAt).toLocaleString()}.
          </p>
        ) : null}
      </section>
      <Alert message={flow.error?.message} />
      <div className="row">
        <button type="button" className="button primary" onClick={flow.logout} disabled={flow.busy}>
          Log out
        </button>
        {flow.can.refresh ? (
          <button type="button" className="button secondary" onClick={flow.refresh} disabled={flow.busy}>
            Refresh session
          </button>
        ) : null}
      </div>
    </div>
  );
}
