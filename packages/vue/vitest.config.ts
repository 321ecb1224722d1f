import vue from '@vitejs/plugin-vue';
import { defineProject } from 'vitest/config';

export default defineProject({
  // Only the tests' SFCs need it: the adapter itself is plain TypeScript.
  plugins: [vue()],
  test: {
    name: 'vue',
    environment: 'happy-dom',
    include: ['test/**/*.test.ts'],
    testTimeout: 15_000,
    // The public types, checked by the compiler (`expectTypeOf`): these files are never run.
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
