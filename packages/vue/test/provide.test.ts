import { render, screen } from '@testing-library/vue';
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createApp, effectScope, h, watch } from 'vue';
import { injectPasswordless, passwordlessPlugin, type PasswordlessFlowState } from '../src/index.ts';
import { enter, pause } from './dom.ts';
import { useEmulator } from '../../core/test/support/use-emulator.ts';
import InjectedFlow from './InjectedFlow.vue';
import ProvidedFlow from './ProvidedFlow.vue';
import StepBadge from './StepBadge.vue';

const emulator = useEmulator();

describe('providePasswordless, injectPasswordless and the plugin', () => {
  it('a provider and its descendants share one flow, stopped when the provider unmounts', async () => {
    let flow: PasswordlessFlowState | undefined;
    const view = render(ProvidedFlow, {
      props: { options: emulator.options(), capture: (f: PasswordlessFlowState) => (flow = f) },
    });
    expect(screen.getByTestId('badge').textContent).toBe('identify · can resend: false');
    await enter('Email', 'alice@example.com');
    await screen.findByLabelText('Code');
    expect(screen.getByTestId('provider-step').textContent).toBe('code');
    expect(screen.getByTestId('badge').textContent).toBe('code · can resend: false');
    expect(screen.getByTestId('chart-state').textContent).toContain('"sent"');
    expect(emulator.current.outbox('alice@example.com')).toHaveLength(1);
    await enter('Code', emulator.current.latestCode('alice@example.com') ?? '');
    await screen.findByText('Signed in as alice@example.com');
    expect(screen.getByTestId('provider-step').textContent).toBe('authenticated');
    view.unmount();
    expect(flow?.actorRef?.getSnapshot().status).toBe('stopped');
  });

  it('countdown ticks reach readers of the countdown only', async () => {
    let flow: PasswordlessFlowState | undefined;
    let badgeRenders = 0;
    render(ProvidedFlow, {
      props: {
        options: emulator.options(),
        capture: (f: PasswordlessFlowState) => (flow = f),
        onBadgeRendered: () => (badgeRenders += 1),
      },
    });
    await enter('Email', 'alice@example.com');
    await screen.findByLabelText('Code');
    if (!flow) throw new Error('no flow');
    const countdown: number[] = [];
    const scope = effectScope();
    scope.run(() =>
      watch(
        () => flow?.secondsUntilResend,
        (seconds) => countdown.push(seconds ?? -1),
      ),
    );
    await pause();
    const before = badgeRenders;

    const start = Date.now();
    for (const seconds of [5, 10, 15]) {
      flow.actorRef?.send({ type: 'TICK', now: start + seconds * 1000 });
      await pause(0);
    }
    expect(countdown.length).toBeGreaterThanOrEqual(3);
    expect(flow.secondsUntilResend).toBeLessThanOrEqual(15);
    expect(badgeRenders).toBe(before);
    scope.stop();
  });

  it('the plugin shares one flow across the app, starts on mount and stops with app.unmount()', async () => {
    let flow: PasswordlessFlowState | undefined;
    const app = mount(
      {
        render: () => [h(StepBadge), h(InjectedFlow, { capture: (f: PasswordlessFlowState) => (flow = f) })],
      },
      { global: { plugins: [[passwordlessPlugin, emulator.options()]] } },
    );
    await pause();
    expect(emulator.current.outbox()).toHaveLength(0);
    await app.get('input').setValue('alice@example.com');
    await app.get('form').trigger('submit');
    await expect.poll(() => app.get('[data-testid="step"]').text()).toBe('code');
    expect(app.get('[data-testid="badge"]').text()).toBe('code · can resend: false');
    expect(emulator.current.outbox('alice@example.com')).toHaveLength(1);
    expect(flow?.actorRef?.getSnapshot().status).toBe('active');
    app.unmount();
    expect(flow?.actorRef?.getSnapshot().status).toBe('stopped');
  });

  it('tells what is missing when used without a provider', () => {
    expect(() => createApp({}).runWithContext(injectPasswordless)).toThrow(/providePasswordless/);
  });
});
