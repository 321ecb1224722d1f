import { PasswordlessProvider } from '@passwordless-xstate/react';
import { useRef, useState } from 'react';
import { MagicLinkCallback } from './Callback.tsx';
import { emulatorUrl, flowOptions, inspectorOpenAtStart, isServerMode } from 'demo-shared/config';
import { DevOutbox } from './DevOutbox.tsx';
import { FlowAnnouncer, FlowHistoryEntries, useKeptFocus } from './FlowSupport.tsx';
import { InspectorPanel } from './inspector/InspectorPanel.tsx';
import { StepView } from './StepView.tsx';

export function App() {
  const [options] = useState(() => flowOptions('react'));
  // In server mode the chart runs on the server: there is no actor here to draw.
  const [serverMode] = useState(isServerMode);
  const [inspecting, setInspecting] = useState(() => !serverMode && inspectorOpenAtStart());
  const card = useRef<HTMLElement>(null);
  useKeptFocus(card);
  return (
    <PasswordlessProvider options={options}>
      <div className="page">
        <header className="topbar">
          <span className="brand">
            <span className="brand-mark" aria-hidden="true" />
            Acme Cloud
          </span>
          <span className="topbar-note">
            passwordless-xstate · React demo{serverMode ? ' · server mode' : ''}
          </span>
          {serverMode ? null : (
            <button
              type="button"
              className="button small inspector-toggle"
              aria-expanded={inspecting}
              aria-controls="inspector"
              onClick={() => setInspecting((open) => !open)}
            >
              {inspecting ? 'Hide statechart' : 'Show statechart'}
            </button>
          )}
        </header>
        <div className="layout">
          <main className="card" ref={card}>
            {serverMode ? null : <MagicLinkCallback />}
            <FlowHistoryEntries />
            <FlowAnnouncer />
            <StepView />
          </main>
          {emulatorUrl ? <DevOutbox baseUrl={emulatorUrl} /> : null}
        </div>
        <div id="inspector">{inspecting ? <InspectorPanel /> : null}</div>
        <footer className="footer">
          {serverMode
            ? 'Signing in through @passwordless-xstate/server (regular web app); tokens stay on the server'
            : emulatorUrl
              ? `Talking to the local Auth0 emulator at ${emulatorUrl}`
              : 'Talking to your Auth0 tenant'}
        </footer>
      </div>
    </PasswordlessProvider>
  );
}
