import { readFile } from 'node:fs/promises';
import { getStateNodes } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import type { AnyStateNode } from 'xstate';
import { statelyChartSource } from '../scripts/stately-chart.ts';
import { passwordlessMachine } from '../src/machine/machine.ts';
import { passwordlessChart } from '../stately/passwordless.machine.ts';

const shape = (root: AnyStateNode) =>
  getStateNodes(root).map((node: AnyStateNode) => ({
    id: node.id,
    type: node.type,
    events: [...node.transitions.keys()].sort(),
    targets: [...node.transitions.values()]
      .flat()
      .flatMap((transition) => (transition.target ?? []).map((target: AnyStateNode) => target.id))
      .sort(),
    invokes: node.invoke.map((invoke) => invoke.src),
    always: node.always?.length ?? 0,
  }));

describe('the single-literal chart for Stately’s editor and the VS Code extension', () => {
  it('is current (run `pnpm diagram` after changing the machine)', async () => {
    const stored = await readFile(new URL('../stately/passwordless.machine.ts', import.meta.url), 'utf8');
    expect(stored).toBe(statelyChartSource());
  });

  it('has every state, transition, target and invoke of the running chart', () => {
    expect(shape(passwordlessChart.root)).toEqual(shape(passwordlessMachine.root));
  });
});
