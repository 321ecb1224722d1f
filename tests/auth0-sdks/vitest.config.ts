import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'auth0-sdks',
    environment: 'node',
    include: ['test/**/*.test.ts'],
  },
});
