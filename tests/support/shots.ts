import fs from 'node:fs';
import path from 'node:path';

/**
 * Screenshots are for a person to look at (tests/artifacts, not committed), not for the test
 * to pass: they are written when `JISR_SHOTS=1` is set, or when the caller says the view is
 * at fault, so the CI run spends no time on a hundred 1080p images nobody opens.
 *
 *   JISR_SHOTS=1 pnpm --dir tests vitest run e2e/screen-fit.test.ts
 */
export const SHOTS_WANTED = process.env.JISR_SHOTS === '1';

interface Shootable {
  screenshot(options: { path: string; fullPage?: boolean; omitBackground?: boolean }): Promise<unknown>;
}

/** Writes `target`'s screenshot to `file` when screenshots are wanted or `fault` is true. */
export async function keepShot(target: Shootable, file: string, options: { fullPage?: boolean; omitBackground?: boolean; fault?: boolean } = {}): Promise<void> {
  const { fault = false, ...shot } = options;
  if (!SHOTS_WANTED && !fault) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await target.screenshot({ ...shot, path: file });
}
