import { fireEvent, render, screen } from '@testing-library/vue';
import { describe, expect, it } from 'vitest';
import { createSSRApp, h } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { enter } from './dom.ts';
import ServerFlow from './ServerFlow.vue';
import { useServerStack } from '../../server/test/adapters/server-stack.ts';

const stack = useServerStack();

describe('usePasswordless({ server }) against @passwordless-xstate/server', () => {
  it('renders on the server without asking the flow server anything', async () => {
    const options = { server: stack.server, fetch: stack.fetch };
    const html = await renderToString(createSSRApp({ render: () => h(ServerFlow, { options }) }));
    // Nothing is allowed until the browser has asked where this person's flow stands.
    expect(html).toContain('no actor');
    expect(html).not.toContain('Email');
    expect(stack.requests).toEqual([]);
  });

  it('signs in by e-mail code, each request sent once', async () => {
    render(ServerFlow, { props: { options: { server: stack.server, fetch: stack.fetch } } });
    expect(screen.getByTestId('actor').textContent).toBe('no actor');
    await enter('Email', 'vue-server@example.com');
    await screen.findByLabelText('Code');
    await enter('Code', stack.emulator.latestCode('vue-server@example.com') ?? '');
    await screen.findByText('Signed in as vue-server@example.com');
    await fireEvent.click(screen.getByRole('button', { name: 'Log out' }));
    await screen.findByLabelText('Email');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(stack.requests).toEqual([
      'GET /auth/passwordless/flow',
      'POST /auth/passwordless/events SUBMIT_IDENTIFIER',
      'POST /auth/passwordless/events SUBMIT_CODE',
      'POST /auth/passwordless/logout',
    ]);
    expect(stack.emulator.outbox('vue-server@example.com')).toHaveLength(1);
  });
});
