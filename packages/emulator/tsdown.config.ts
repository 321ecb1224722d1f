import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts'],
  format: ['esm'],
  dts: true,
  platform: 'node',
  // With platform `node`, tsdown defaults to `.mjs`/`.d.mts`; package.json and bin/ expect `.js`/`.d.ts`.
  fixedExtension: false,
  sourcemap: true,
});
