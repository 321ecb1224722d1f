import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'reliability',
    environment: 'node',
    include: ['test/**/*.test.ts'],
  },
});
