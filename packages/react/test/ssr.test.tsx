// @vitest-environment node
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PasswordlessProvider, usePasswordless, usePasswordlessSelector } from '../src/index.ts';
import { memoryStorage } from '../../core/test/support/use-emulator.ts';

const options = { clientId: 'pwl-native', baseUrl: 'http://127.0.0.1:9/' };

function Step() {
  const flow = usePasswordless(options);
  return <p>{`step: ${flow.step}, can submit: ${flow.can.submitIdentifier}`}</p>;
}

function SelectedStep() {
  return <p>{`selected: ${usePasswordlessSelector((view) => view.step)}`}</p>;
}

describe('server rendering', () => {
  it('renders the first step without a window and without starting the flow', () => {
    expect(typeof window).toBe('undefined');
    expect(renderToString(<Step />)).toContain('step: identify, can submit: true');
  });

  it('renders a provider subtree with persistence configured', () => {
    const html = renderToString(
      <PasswordlessProvider options={{ ...options, persist: { storage: memoryStorage() } }}>
        <SelectedStep />
      </PasswordlessProvider>,
    );
    expect(html).toContain('selected: identify');
  });
});
