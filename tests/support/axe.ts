import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);

/** axe-core's browser bundle, read once: injected as a script, never fetched from a CDN. */
let source: string | undefined;
function axeSource(): string {
  source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return source;
}

export interface AxeViolation {
  id: string;
  impact: 'serious' | 'critical';
  help: string;
  helpUrl: string;
  /** CSS selectors of the offending elements, with axe's summary of what is wrong. */
  nodes: { target: string; summary: string }[];
}

/** What the page gives back from `axe.run` (a subset of axe's AxeResults, as plain JSON). */
interface RawViolation {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Runs axe-core on the page (its context needs `bypassCSP: true`: the app's CSP rightly
 * refuses the inline script that brings axe in) as it is now (WCAG 2.0, 2.1 and 2.2 A and AA rules, plus axe's
 * best practices) and returns the serious and critical violations: what blocks people.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.addScriptTag({ content: axeSource() });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: unknown[] }> } }).axe;
    const results = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return JSON.parse(JSON.stringify(results.violations)) as unknown[];
  });
  return (violations as RawViolation[])
    .filter((violation): violation is RawViolation & { impact: 'serious' | 'critical' } =>
      violation.impact === 'serious' || violation.impact === 'critical',
    )
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      helpUrl: violation.helpUrl,
      nodes: violation.nodes.map((node) => ({ target: node.target.map(String).join(' '), summary: node.failureSummary ?? '' })),
    }));
}

/** One line per violation and element, for an assertion message a person can act on. */
export function describeViolations(violations: readonly AxeViolation[]): string[] {
  return violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.impact} ${violation.id} (${violation.help}) at ${node.target}: ${node.summary.replace(/\s+/g, ' ')}`),
  );
}
