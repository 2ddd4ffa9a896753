import { stringify } from 'csv-stringify/sync';
import type { Poll, Tally } from '@jisr/protocol/poll';
import { zonedIso } from '@jisr/core/zoned-iso';
import { spreadsheetSafe } from '../http/csv-cell.js';

/**
 * A poll's results as CSV (UTF-8 with BOM, formula-safe): one row per option, word or
 * answer, in the order the screen shows them.
 */
export function pollResultsCsv(poll: Poll, tally: Tally, textAnswers: readonly { text: string; castAt: string }[], timeZone: string): string {
  const label = (optionId: string) => spreadsheetSafe(poll.options.find((option) => option.id === optionId)?.label ?? optionId);
  let rows: string[][];
  switch (poll.kind) {
    case 'wordcloud':
      rows = [['word', 'count'], ...(tally.words ?? []).map((entry) => [spreadsheetSafe(entry.word), String(entry.count)])];
      break;
    case 'text':
      rows = [['answered_at', 'answer'], ...textAnswers.map((answer) => [zonedIso(answer.castAt, timeZone), spreadsheetSafe(answer.text)])];
      break;
    case 'ranking':
      rows = [['option', 'borda_points'], ...(tally.ranking ?? []).map((row) => [label(row.optionId), String(row.score)])];
      break;
    case 'rating':
      rows = [['rating', 'count'], ...Object.entries(tally.counts).map(([value, count]) => [value, String(count)])];
      if (tally.average !== undefined) rows.push(['average', tally.average.toFixed(2)]);
      break;
    default:
      rows = [['option', 'votes'], ...poll.options.map((option) => [label(option.id), String(tally.counts[option.id] ?? 0)])];
  }
  rows.push(['total_ballots', String(tally.total)]);
  return `\uFEFF${stringify([[spreadsheetSafe(poll.prompt)], ...rows], { record_delimiter: '\r\n' })}`;
}
