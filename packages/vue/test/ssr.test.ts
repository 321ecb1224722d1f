// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createSSRApp, h, type Component } from 'vue';
import { renderToString } from 'vue/server-renderer';
import {
  injectPasswordless,
  passwordlessPlugin,
  providePasswordless,
  usePasswordless,
  type PasswordlessFlowState,
} from '../src/index.ts';
import { memoryStorage } from '../../core/test/support/use-emulator.ts';

const options = { clientId: 'pwl-native', baseUrl: 'http://127.0.0.1:9/' };

function stepOf(read: () => PasswordlessFlowState, seen: PasswordlessFlowState[]): Component {
  return {
    setup() {
      const flow = read();
      seen.push(flow);
      return () => h('p', `step: ${flow.step}, can submit: ${flow.can.submitIdentifier}`);
    },
  };
}

/** On the server nothing may run: an event sent now stays queued instead of reaching the chart. */
function expectNotStarted(flow: PasswordlessFlowState | undefined) {
  flow?.submitIdentifier('not-an-address');
  expect(flow?.step).toBe('identify');
  expect(flow?.actorRef?.getSnapshot().context.error).toBeNull();
}

describe('server rendering', () => {
  it('usePasswordless renders the first step without a window and without starting the flow', async () => {
    expect(typeof window).toBe('undefined');
    const seen: PasswordlessFlowState[] = [];
    const html = await renderToString(createSSRApp(stepOf(() => usePasswordless(options), seen)));
    expect(html).toContain('step: identify, can submit: true');
    expectNotStarted(seen[0]);
  });

  it('providePasswordless with persistence configured, read by a descendant', async () => {
    const seen: PasswordlessFlowState[] = [];
    const child = stepOf(injectPasswordless, seen);
    const root = {
      setup() {
        providePasswordless({ ...options, persist: { storage: memoryStorage() } });
        return () => h(child);
      },
    };
    expect(await renderToString(createSSRApp(root))).toContain('step: identify');
    expectNotStarted(seen[0]);
  });

  it('the plugin', async () => {
    const seen: PasswordlessFlowState[] = [];
    const app = createSSRApp(stepOf(injectPasswordless, seen)).use(passwordlessPlugin, options);
    expect(await renderToString(app)).toContain('step: identify');
    expectNotStarted(seen[0]);
  });
});
