import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const require = createRequire(import.meta.url);
const bootstrapItaliaDir = dirname(require.resolve('bootstrap-italia/package.json'));
const apiTarget = process.env.CONVERGO_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      // Shared API types: the web app imports them, never redeclares them.
      '@convergo/contracts': fileURLToPath(new URL('../../libs/contracts/src', import.meta.url)),
      // Bootstrap Italia's CSS ships no @font-face rules: src/styles/fonts.css points here.
      '@bootstrap-italia-fonts': join(bootstrapItaliaDir, 'dist/fonts'),
    },
    // design-react-kit's reactstrap drags a React 18 peer into the root node_modules:
    // always bundle the single React 19 copy of this workspace.
    dedupe: ['react', 'react-dom'],
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/socket.io': { target: apiTarget, ws: true },
    },
  },
  preview: {
    proxy: {
      '/api': { target: apiTarget },
      '/socket.io': { target: apiTarget, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // bootstrap-italia's stylesheet alone is ~600 kB; it is CSS, not the JS budget.
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        // Libraries every page needs, in chunks that change only when they are upgraded.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'router', test: /node_modules[\\/](react-router|react-router-dom)[\\/]/ },
            {
              name: 'i18n',
              test: /node_modules[\\/](i18next|react-i18next|html-parse-stringify|void-elements)[\\/]/,
            },
            { name: 'query', test: /node_modules[\\/]@tanstack[\\/]/ },
          ],
        },
      },
    },
  },
});
