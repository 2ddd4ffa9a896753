import { stringify } from 'csv-stringify/sync';
import type { Question } from '@jisr/protocol/question';
import { zonedIsoOrEmpty } from '@jisr/core/zoned-iso';
import { spreadsheetSafe } from '../http/csv-cell.js';


/**
 * A session's questions as CSV for Excel and LibreOffice: UTF-8 with a byte-order mark
 * (without it Excel shows Arabic as mojibake), one row per question, formula-safe.
 */
export function questionsCsv(questions: readonly Question[], timeZone: string): string {
  // Times on the event's clock with its offset, as every export writes them.
  const rows = questions.map((question) => [
    question.id,
    zonedIsoOrEmpty(question.createdAt, timeZone),
    question.status,
    String(question.votes),
    question.pinned ? 'yes' : '',
    question.lang,
    spreadsheetSafe(question.anonymous ? '' : (question.authorName ?? '')),
    spreadsheetSafe(question.text),
    spreadsheetSafe(question.reply ?? ''),
    spreadsheetSafe(question.labels.join(', ')),
    zonedIsoOrEmpty(question.answeredAt, timeZone),
  ]);
  const header = ['id', 'asked_at', 'status', 'votes', 'pinned', 'language', 'author', 'question', 'reply', 'labels', 'answered_at'];
  return `\uFEFF${stringify([header, ...rows], { record_delimiter: '\r\n' })}`;
}
