import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../src/config.js';

/** README's "Production" table lists exactly the variables ConfigSchema reads: docs that cannot drift. */

const readme = fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../README.md'), 'utf8');

function productionTableVariables(): string[] {
  const start = readme.indexOf('\n## Production\n');
  if (start < 0) throw new Error('README.md has no "## Production" section');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((match) => match[1] ?? '');
}

describe('README Production: the environment table', () => {
  it('names every variable of ConfigSchema once, and no other', () => {
    const documented = productionTableVariables();
    expect([...documented].sort()).toStrictEqual(Object.keys(ConfigSchema.shape).sort());
    expect(new Set(documented).size).toBe(documented.length);
  });
});
