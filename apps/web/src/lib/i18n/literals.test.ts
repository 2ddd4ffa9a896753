import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';

/**
 * Every word a person reads must come from the dictionaries, or it stays English in the
 * five other languages. This walks every component's markup (not its script or style)
 * and reports text nodes and human-facing attributes written as literals.
 */

const SRC = fileURLToPath(new URL('../../', import.meta.url));

/** Attributes a person reads or hears. */
const READ_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-roledescription', 'aria-placeholder', 'placeholder', 'title', 'alt', 'label']);

/** Brand names, symbols and a URL scheme: the same in every language. */
const ALLOWED = new Set(['Jisr', 'جسر', '·', '–', '—', '…', '/', '×', '+', '−', '%', 'https://']);

const LETTER = /\p{L}/u;

interface Literal {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

type AstNode = { readonly type: string; readonly start: number; readonly [key: string]: unknown };

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function svelteFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.svelte'))
    .map((file) => join(dir, file))
    .sort();
}

function offending(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.length > 0 && LETTER.test(trimmed) && !ALLOWED.has(trimmed);
}

/** The literals of one component's markup. */
function findLiterals(source: string, file = 'component.svelte'): Literal[] {
  const ast = parse(source, { modern: true });
  const found: Literal[] = [];
  const lineOf = (offset: number): number => source.slice(0, offset).split('\n').length;

  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (!isNode(node)) return;
    if (node.type === 'Text' && typeof node['data'] === 'string' && offending(node['data'])) {
      found.push({ file, line: lineOf(node.start), text: node['data'].trim() });
    }
    // Directives (style:, class:, bind:...) hold code and CSS, not words.
    if (node.type.endsWith('Directive')) return;
    if (node.type === 'Attribute') {
      if (typeof node['name'] !== 'string' || !READ_ATTRIBUTES.has(node['name'])) return;
      const value = node['value'];
      const parts = Array.isArray(value) ? value : [value];
      for (const part of parts) {
        if (isNode(part) && part.type === 'Text' && typeof part['data'] === 'string' && offending(part['data'])) {
          found.push({ file, line: lineOf(part.start), text: `${node['name']}="${part['data'].trim()}"` });
        }
      }
      return;
    }
    for (const [key, child] of Object.entries(node)) {
      // Scripts and styles are code, not markup; expressions are checked by the types.
      if (key === 'instance' || key === 'module' || key === 'css' || key === 'expression' || key === 'metadata') continue;
      if (typeof child === 'object' && child !== null) visit(child);
    }
  };

  visit(ast.fragment);
  return found;
}

describe('user-facing literals', () => {
  it('finds text nodes and read attributes, but not expressions, brands or symbols', () => {
    const found = findLiterals(
      [
        '<script>const label = "code, not markup";</script>',
        '<h1>Hello</h1>',
        '<p>{t("qa.heading")}</p>',
        '<button aria-label="Close">×</button>',
        '<input placeholder={t("qa.askPlaceholder")} type="text" />',
        '<span>Jisr</span> <span> · </span> <img alt="" src="x.png" />',
        '<p>{count} votes</p>',
        '<style>p { color: red; }</style>',
      ].join('\n'),
    );
    expect(found.map((literal) => literal.text)).toEqual(['Hello', 'aria-label="Close"', 'votes']);
  });

  it('none in any component: every text comes from the dictionaries', () => {
    const found = svelteFiles(SRC).flatMap((file) => findLiterals(readFileSync(file, 'utf8'), relative(SRC, file)));
    expect(found.map(({ file, line, text }) => `${file}:${line} ${text}`)).toEqual([]);
  });
});
