import { describe, expect, it, vi } from 'vitest';
import {
  contradictoryOptions,
  selfContradictorySnapshot,
} from '../../core/test/machine/contradictory-snapshot.ts';
import { effectScope } from 'vue';
import { usePasswordless } from '../src/index.ts';

const options = contradictoryOptions;

describe('an internal error in the chart', () => {
  it('goes to onError and the reactive view says the flow stopped', async () => {
    const onError = vi.fn();
    const scope = effectScope();
    const flow = scope.run(() =>
      usePasswordless({ ...options, snapshot: selfContradictorySnapshot(), onError }),
    );
    flow?.submitMfaCode('123456');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(onError).toHaveBeenCalledTimes(1);
    expect(flow).toMatchObject({ step: 'identify', error: { code: 'unknown' } });
    expect(flow?.can.submitIdentifier).toBe(false);
    scope.stop();
  });
});
