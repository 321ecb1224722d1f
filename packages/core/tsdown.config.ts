import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/client.ts', 'src/diagram.ts', 'src/inspect.ts', 'src/remote.ts'],
  format: ['esm'],
  dts: true,
  platform: 'neutral',
  sourcemap: true,
});
