import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/store/redis.ts'],
  format: ['esm'],
  dts: true,
  platform: 'node',
  // With platform `node`, tsdown defaults to `.mjs`/`.d.mts`; package.json expects `.js`/`.d.ts`.
  fixedExtension: false,
  sourcemap: true,
});
