import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  vitePlugin: {
    // Runes mode for our own components (even those that use no rune), not for libraries'.
    dynamicCompileOptions: ({ filename }) => (filename.includes('node_modules') ? undefined : { runes: true }),
  },
  kit: {
    // apps/server imports build/handler.js and mounts it after /api and /socket.io.
    adapter: adapter({ out: 'build' }),
  },
};

export default config;
