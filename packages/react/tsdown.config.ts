import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/remote.ts'],
  format: ['esm'],
  dts: true,
  platform: 'neutral',
  sourcemap: true,
});
