import { render, screen } from '@testing-library/vue';
import { describe, expect, it } from 'vitest';
import { enter } from './dom.ts';
import ProvidedFlow from './ProvidedFlow.vue';
import { useServerStack } from '../../server/test/adapters/server-stack.ts';

const stack = useServerStack();

describe('providePasswordless({ server })', () => {
  it('gives injectPasswordless and usePasswordlessSelector the server flow', async () => {
    render(ProvidedFlow, { props: { options: { server: stack.server, fetch: stack.fetch } } });
    await enter('Email', 'vue-provider@example.com');
    await screen.findByLabelText('Code');
    // The selector runs on the view; there is no chart snapshot in the browser in server mode.
    expect(screen.getByTestId('chart-state').textContent).toBe('');
    expect(screen.getByTestId('badge').textContent).toContain('code · can resend: false');
    await enter('Code', stack.emulator.latestCode('vue-provider@example.com') ?? '');
    await screen.findByText('Signed in as vue-provider@example.com');
    expect(screen.getByTestId('provider-step').textContent).toBe('authenticated');
  });
});
