import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'core',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // One emulator over real HTTP for the integration tests; unit tests ignore it.
    globalSetup: ['test/integration/global-setup.ts'],
  },
});
