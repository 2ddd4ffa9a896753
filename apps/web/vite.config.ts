import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// In dev the API and Socket.IO live in apps/server (port 3000); in production the server
// serves this app itself, so the browser always talks to its own origin.
const API_TARGET = 'http://localhost:3000';

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    proxy: {
      '/api': API_TARGET,
      '/socket.io': { target: API_TARGET, ws: true },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
  },
});
