#!/usr/bin/env node
// What failed in a `pnpm test` run, gathered from the logs of its steps (file paths given as
// arguments), so that the end of a long CI log says it: vitest's failed files, suites and
// tests with the first lines of their errors, unhandled errors, TypeScript and svelte-check
// errors, ESLint errors and the turbo tasks that failed. At most MAX_LINES lines.
import fs from 'node:fs';

const MAX_LINES = 80;
/** Lines kept after a failure's first line: the error and where it was thrown. */
const AFTER = 5;

/** A failure that heads a block: the lines after it say what and where. */
const BLOCK = [
  /^ FAIL /, // vitest: a failed test or suite (a file whose beforeAll failed shows here, its tests only skipped)
  /Unhandled (Error|Rejection)|Uncaught Exception/,
  /\bERROR\b.*command .*exited/, // turbo: a task's command failed
];
/** A failure told in one line. */
const LINE = [
  /^ ❯ \S+\.test\.ts \(.*(failed|skipped)/, // vitest: a file with failed or skipped tests
  /Test Files .*failed/,
  /^\s*Errors\s+\d+ errors?/,
  /error TS\d+/,
  /svelte-check found (?:[1-9]\d* errors?|.* [1-9]\d* warnings?)/, // it fails on warnings too
  /^Warn: /,
  /^\S+:\d+:\d+\s*$/, // svelte-check's machine-readable place, followed by its Error line
  /^Error: /,
  /^\s+\d+:\d+\s+error\s/, // ESLint
  /✖ \d+ problems?/,
  /Failed:\s+\S/, // turbo's summary of failed tasks
  /ERR_PNPM/,
];
/** A code excerpt under a stack frame: not needed to know what failed. */
const EXCERPT = /^\s*(\d+\||\|)/;

function plain(line) {
  return line.replace(/\x1b\[[0-9;]*m/g, '').replace(/^@jisr\/[\w-]+:[\w-]+: /, '');
}

const out = [];
for (const file of process.argv.slice(2)) {
  let lines;
  try {
    lines = fs.readFileSync(file, 'utf8').split('\n').map(plain);
  } catch {
    continue;
  }
  for (let at = 0; at < lines.length; at += 1) {
    const line = lines[at];
    if (BLOCK.some((pattern) => pattern.test(line))) {
      out.push(line);
      let kept = 0;
      let next = at + 1;
      for (; next < lines.length && kept < AFTER; next += 1) {
        const more = lines[next];
        if (more.trim() === '' || EXCERPT.test(more)) continue;
        if (BLOCK.some((pattern) => pattern.test(more)) || /^⎯/.test(more)) break;
        out.push(`    ${more.trim()}`);
        kept += 1;
      }
      at = next - 1;
    } else if (LINE.some((pattern) => pattern.test(line))) {
      out.push(line);
    }
  }
}

const unique = out.filter((line, at) => line.startsWith('    ') || out.indexOf(line) === at);
if (unique.length === 0) console.log('(no failure found in the logs: read the output above)');
for (const line of unique.slice(0, MAX_LINES)) console.log(line);
if (unique.length > MAX_LINES) console.log(`(and ${unique.length - MAX_LINES} more lines above)`);
