export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
  );
}

export const median = (values: readonly number[]) => percentile(values, 50);
export const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

export const WARMUP_CALLS = 500;

/**
 * Microseconds per call of `run`, over `iterations` calls after `WARMUP_CALLS` warm-up calls; the
 * index grows across both, so each call may take a fresh input (a later time, a new snapshot).
 */
export function microsPerCall(iterations: number, run: (index: number) => void): number {
  for (let index = 0; index < WARMUP_CALLS; index += 1) run(index);
  const started = performance.now();
  for (let index = WARMUP_CALLS; index < WARMUP_CALLS + iterations; index += 1) run(index);
  return ((performance.now() - started) * 1000) / iterations;
}

/** Full collections until the heap stops shrinking, letting pending callbacks run in between. */
export async function settledHeapBytes(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (the bench script does)');
  let previous = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 10; round += 1) {
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    const used = process.memoryUsage().heapUsed;
    if (used >= previous * 0.999) return used;
    previous = used;
  }
  return previous;
}

/**
 * Mean microseconds of `run` over `iterations` calls timed one by one, after `WARMUP_CALLS`;
 * `cleanUp` gets each result outside the clock.
 */
export function microsEach<T>(iterations: number, run: () => T, cleanUp: (result: T) => void): number {
  for (let index = 0; index < WARMUP_CALLS; index += 1) cleanUp(run());
  let total = 0;
  for (let index = 0; index < iterations; index += 1) {
    const started = performance.now();
    const result = run();
    total += performance.now() - started;
    cleanUp(result);
  }
  return (total * 1000) / iterations;
}
