// The renderer's build: src-renderer → dist-renderer, served by the Electron shell's app://
// protocol and by the browser harness. Relative asset paths work under both.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist-renderer', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
});
