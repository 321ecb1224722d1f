import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// Next to the React demo (5173 / 4173), so both can run at once against one emulator.
// Server mode: the passwordless server (`pnpm dev:server`, e2e) answers /auth on one origin with the app.
// The Host header is kept (no changeOrigin): the server sees the demo's own origin, which it trusts
// for CSRF and builds the magic-link callback from.
const proxy = { '/auth': { target: 'http://127.0.0.1:4100', changeOrigin: false } };

export default defineConfig({
  plugins: [vue()],
  server: { host: '127.0.0.1', port: 5174, proxy },
  build: {
    // Mermaid's core and parser (~650–680 kB each) are lazy chunks that load only when the statechart
    // panel opens; the app's own entry stays far below this. Anything larger than them still warns.
    chunkSizeWarningLimit: 700,
  },
  preview: { host: '127.0.0.1', port: 4174, strictPort: true, proxy },
});
