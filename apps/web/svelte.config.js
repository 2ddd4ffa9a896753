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
    // Absolute asset paths: an event page's HTML is then the same shell at any depth, so the
    // service worker can serve one cached copy for any event page offline.
    paths: { relative: false },
    // No inline script runs without the nonce SvelteKit puts on its own; styles may be inline
    // (style attributes of charts), nothing loads from elsewhere but speakers' photos.
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:', 'blob:', 'https:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'worker-src': ['self'],
        'manifest-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
  },
};

export default config;
