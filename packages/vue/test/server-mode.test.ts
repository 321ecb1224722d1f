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

  it.each([
    ['@passwordless-xstate/vue', false, 'vue-server@example.com'],
    ['@passwordless-xstate/vue/remote', true, 'vue-remote@example.com'],
  ])('signs in by e-mail code with %s, each request sent once', async (_, remote, email) => {
    const before = stack.requests.length; // one stack serves the whole file
    render(ServerFlow, { props: { options: { server: stack.server, fetch: stack.fetch }, remote } });
    expect(screen.getByTestId('actor').textContent).toBe('no actor');
    await enter('Email', email);
    await screen.findByLabelText('Code');
    await enter('Code', stack.emulator.latestCode(email) ?? '');
    await screen.findByText(`Signed in as ${email}`);
    await fireEvent.click(screen.getByRole('button', { name: 'Log out' }));
    await screen.findByLabelText('Email');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(stack.requests.slice(before)).toEqual([
      'GET /auth/passwordless/flow',
      'POST /auth/passwordless/events SUBMIT_IDENTIFIER',
      'POST /auth/passwordless/events SUBMIT_CODE',
      'POST /auth/passwordless/logout',
    ]);
    expect(stack.emulator.outbox(email)).toHaveLength(1);
  });
});
