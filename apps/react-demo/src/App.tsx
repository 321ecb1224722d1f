import { PasswordlessProvider } from '@passwordless-xstate/react';
import { useState } from 'react';
import { MagicLinkCallback } from './Callback.tsx';
import { emulatorUrl, flowOptions, inspectorOpenAtStart } from 'demo-shared/config';
import { DevOutbox } from './DevOutbox.tsx';
import { InspectorPanel } from './inspector/InspectorPanel.tsx';
import { StepView } from './StepView.tsx';

export function App() {
  const [options] = useState(() => flowOptions('react'));
  const [inspecting, setInspecting] = useState(inspectorOpenAtStart);
  return (
    <PasswordlessProvider options={options}>
      <div className="page">
        <header className="topbar">
          <span className="brand">
            <span className="brand-mark" aria-hidden="true" />
            Acme Cloud
          </span>
          <span className="topbar-note">passwordless-xstate · React demo</span>
          <button
            type="button"
            className="button small inspector-toggle"
            aria-expanded={inspecting}
            aria-controls="inspector"
            onClick={() => setInspecting((open) => !open)}
          >
            {inspecting ? 'Hide statechart' : 'Show statechart'}
          </button>
        </header>
        <div className="layout">
          <main className="card">
            <MagicLinkCallback />
            <StepView />
          </main>
          {emulatorUrl ? <DevOutbox baseUrl={emulatorUrl} /> : null}
        </div>
        <div id="inspector">{inspecting ? <InspectorPanel /> : null}</div>
        <footer className="footer">
          {emulatorUrl
            ? `Talking to the local Auth0 emulator at ${emulatorUrl}`
            : 'Talking to your Auth0 tenant'}
        </footer>
      </div>
    </PasswordlessProvider>
  );
}
