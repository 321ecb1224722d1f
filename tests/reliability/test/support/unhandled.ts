/**
 * Collects promise rejections nobody handled, from the moment it is called, so a test can assert
 * that none happened during a cell (vitest would only report them after the file).
 */
export function watchUnhandledRejections(): { take(): unknown[]; stop(): void } {
  let seen: unknown[] = [];
  const listener = (reason: unknown) => void seen.push(reason);
  process.on('unhandledRejection', listener);
  return {
    take: () => {
      const taken = seen;
      seen = [];
      return taken;
    },
    stop: () => void process.off('unhandledRejection', listener),
  };
}

/** Lets pending rejections surface: `unhandledRejection` fires after the microtask queue drains. */
export const drainRejections = () => new Promise<void>((resolve) => setImmediate(resolve));
