#!/usr/bin/env node
// Checks the first-load weight of the attendee pages against a budget (issue 13): the
// JavaScript and CSS a phone downloads, gzipped, to open the home page, the agenda or a
// session page, with the heaviest interface language (each is its own chunk, loaded before rendering).
// Run after `vite build`; exits 1 when a route goes over. Fonts are listed apart: they
// load with font-display: swap and never block the first render.
//
// The budget is what this app needs today plus a little room, so that it can only grow
// on purpose: 140 kB. Of a session page's ~133 kB, zod is 22 kB (the protocol's schemas,
// which the client uses to check what the server sends), Svelte's runtime about 30 kB,
// the Socket.IO client 12 kB, a dictionary about 10 kB. Reaching the 100 kB that issue 13
// gives as an example means taking zod out of the client (zod/mini, or schemas apart
// from constants in packages/protocol).
// Raised to 141 kB on purpose for event surveys (issue 22.2): the attendee's survey schemas
// in the event map (events.ts names them, so every page carries them: 0.2 kB) and the
// survey card's texts in each dictionary (0.25 kB in Arabic) took the session page to 140.03.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';

// Issue 23.5: the home page is budgeted too, now that zod, the Socket.IO client and the
// staff token renewal left the entry and the root layout (104.5 kB before, 64.6 after, with
// ar). The agenda still parses its data (zod) and follows live changes (socket): about 128 kB
// before, 126.8 after, so 128 keeps it there.
const BUDGETS = { '/': 66 * 1024, '/e/[code]': 128 * 1024, '/e/[code]/s/[sessionId]': 141 * 1024 };
const ROUTES = Object.keys(BUDGETS);

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const output = path.join(webDir, '.svelte-kit/output');
const clientDir = path.join(webDir, 'build/client');
const viteManifestFile = path.join(output, 'client/.vite/manifest.json');
if (!fs.existsSync(viteManifestFile) || !fs.existsSync(clientDir)) {
  console.error('bundle budget: no build found; run `pnpm --filter @jisr/web build` first');
  process.exit(1);
}
const chunks = JSON.parse(fs.readFileSync(viteManifestFile, 'utf8'));
const { manifest } = await import(pathToFileURL(path.join(output, 'server/manifest.js')).href);

/** Gzipped size as served: the precompressed twin when the adapter made one. */
function gzipSize(file) {
  const full = path.join(clientDir, file);
  if (fs.existsSync(`${full}.gz`)) return fs.statSync(`${full}.gz`).size;
  return zlib.gzipSync(fs.readFileSync(full), { level: 9 }).length;
}

/** Every file a chunk pulls in before it runs: static imports, their CSS, transitively. */
function collect(key, files, seen = new Set()) {
  if (seen.has(key)) return;
  seen.add(key);
  const chunk = chunks[key];
  if (!chunk) throw new Error(`bundle budget: ${key} is not in the client manifest`);
  files.add(chunk.file);
  for (const css of chunk.css ?? []) files.add(css);
  for (const asset of chunk.assets ?? []) files.add(asset);
  for (const imported of chunk.imports ?? []) collect(imported, files, seen);
}

/** The heaviest language: its dictionary chunk and whatever it imports that the page does not. */
function heaviestLanguage(pageFiles) {
  let worst = { lang: '', bytes: 0 };
  for (const key of Object.keys(chunks)) {
    const lang = /i18n\/messages\/([a-z]{2})\.ts$/.exec(key)?.[1];
    if (!lang) continue;
    const files = new Set();
    collect(key, files);
    let bytes = 0;
    for (const file of files) if (!pageFiles.has(file) && /\.(js|css)$/.test(file)) bytes += gzipSize(file);
    if (bytes > worst.bytes) worst = { lang, bytes };
  }
  return worst;
}

const entries = Object.keys(chunks).filter((key) => chunks[key].isEntry && /(entry\.js|client-optimized\/app\.js)$/.test(key));
let failed = false;
const rows = [];
for (const id of ROUTES) {
  const route = manifest._.routes.find((candidate) => candidate.id === id);
  if (!route?.page) throw new Error(`bundle budget: no page route ${id}`);
  const files = new Set();
  for (const key of entries) collect(key, files);
  for (const node of [...route.page.layouts, route.page.leaf].filter((n) => n !== undefined && n !== null)) {
    collect(`.svelte-kit/generated/client-optimized/nodes/${node}.js`, files);
  }
  let code = 0;
  let fonts = 0;
  for (const file of files) {
    if (/\.(js|css)$/.test(file)) code += gzipSize(file);
    else if (/\.(woff2?|ttf)$/.test(file)) fonts += fs.statSync(path.join(clientDir, file)).size;
  }
  const language = heaviestLanguage(files);
  code += language.bytes;
  const budget = BUDGETS[id];
  const over = code > budget;
  failed ||= over;
  rows.push(`${over ? 'OVER' : 'ok  '}  ${id.padEnd(26)} JS+CSS with ${language.lang} ${(code / 1024).toFixed(1).padStart(6)} kB gz of ${budget / 1024} kB   (fonts, not blocking: ${(fonts / 1024).toFixed(0)} kB)`);
}
console.log(`bundle budget (first load of the attendee pages):\n${rows.join('\n')}`);
process.exit(failed ? 1 : 0);
