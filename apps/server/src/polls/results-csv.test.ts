import type { Poll, Tally } from '@jisr/protocol/poll';
import { describe, expect, it } from 'vitest';
import { pollResultsCsv } from './results-csv.js';

/*
 * Issue 25.3 for a poll's own export: an open-text poll's answers are timed on the event's
 * clock with its offset (2027-01-15T09:00:00+01:00), not in UTC.
 */

const poll: Poll = {
  id: 'po_1',
  sessionId: 'se_1',
  kind: 'text',
  prompt: 'Une idée pour la prochaine édition ?',
  options: [],
  state: 'closed',
  settings: { results: 'live', allowChange: false, anonymous: true },
  revealed: false,
  createdAt: '2027-01-15T07:55:00.000Z',
};
const tally: Tally = { pollId: 'po_1', sessionId: 'se_1', total: 2, counts: {} };
const answers = [
  { text: 'Plus de pauses', castAt: '2027-01-15T08:00:05.250Z' },
  { text: '=HYPERLINK("x")', castAt: '2027-07-15T07:00:00.000Z' },
];

function rows(csv: string): string[] {
  return csv.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
}

describe("a poll's results.csv in the event's time (issue 25.3)", () => {
  it('times each open answer on the event clock with its offset, winter and summer', () => {
    const lines = rows(pollResultsCsv(poll, tally, answers, 'Europe/Brussels'));
    expect(lines[1]).toBe('answered_at,answer');
    expect(lines[2]).toBe('2027-01-15T09:00:05+01:00,Plus de pauses');
    expect(lines[3]).toBe(`2027-07-15T09:00:00+02:00,"'=HYPERLINK(""x"")"`);
    expect(lines.at(-1)).toBe('total_ballots,2');
  });

  it("follows the event's zone, not the server's", () => {
    const lines = rows(pollResultsCsv(poll, tally, answers.slice(0, 1), 'America/Toronto'));
    expect(lines[2]).toBe('2027-01-15T03:00:05-05:00,Plus de pauses');
  });
});
