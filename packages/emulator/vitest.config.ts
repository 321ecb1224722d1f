import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'emulator',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // Test files share no state (each starts its own emulator); sharing the module graph saves the
    // per-file import and RSA key generation, which dominated the run time.
    isolate: false,
  },
});
