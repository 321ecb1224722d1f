import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import {
  contradictoryOptions,
  selfContradictorySnapshot,
} from '../../core/test/machine/contradictory-snapshot.ts';
import { usePasswordless } from '../src/index.ts';

const options = contradictoryOptions;

describe('an internal error in the chart', () => {
  it('goes to onError and renders core’s failed view instead of throwing in render', async () => {
    const onError = vi.fn();
    const { result } = renderHook(() =>
      usePasswordless({ ...options, snapshot: selfContradictorySnapshot(), onError }),
    );
    await act(async () => {
      result.current.submitMfaCode('123456');
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
    expect(onError).toHaveBeenCalledTimes(1);
    expect(result.current).toMatchObject({ step: 'identify', error: { code: 'unknown' } });
    expect(result.current.can.submitIdentifier).toBe(false);
  });
});
