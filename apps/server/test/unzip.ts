import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';

/** The files of a zip, read by Info-ZIP (which must find no error in it), as UTF-8 text. */
export function unzip(buffer: Buffer): Map<string, string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jisr-zip-'));
  try {
    const file = path.join(dir, 'export.zip');
    fs.writeFileSync(file, buffer);
    expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toMatch(/No errors detected/);
    const names = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).split('\n').filter((name) => name.length > 0);
    return new Map(names.map((name) => [name, execFileSync('unzip', ['-p', file, name], { encoding: 'utf8' })]));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
