import type { TestProjectConfiguration } from 'vitest/config';

// vitest 4 does not read this file itself; vitest.config.ts imports it as `test.projects`.
export default [
  'packages/emulator',
  'packages/core',
  'packages/react',
  'packages/vue',
  'packages/server',
  'tests/auth0-sdks',
  'tests/reliability',
  'bench',
] satisfies TestProjectConfiguration[];
