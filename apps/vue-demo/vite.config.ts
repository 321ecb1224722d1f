import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// Next to the React demo (5173 / 4173), so both can run at once against one emulator.
export default defineConfig({
  plugins: [vue()],
  server: { host: '127.0.0.1', port: 5174 },
  preview: { host: '127.0.0.1', port: 4174, strictPort: true },
});
