import { strToU8, zipSync, type Zippable } from 'fflate';

/**
 * A zip archive of a few small files (the event export), written by fflate: a maintained
 * zip library rather than a format written by hand. Names are UTF-8; every file carries
 * the same time so that an export of unchanged data is the same archive.
 */
export interface ZipEntry {
  name: string;
  data: Buffer | string;
}

export function zip(entries: readonly ZipEntry[], at: Date): Buffer {
  const files: Zippable = {};
  for (const entry of entries) {
    const bytes = typeof entry.data === 'string' ? strToU8(entry.data) : new Uint8Array(entry.data);
    files[entry.name] = [bytes, { level: 6, mtime: at }];
  }
  return Buffer.from(zipSync(files));
}
