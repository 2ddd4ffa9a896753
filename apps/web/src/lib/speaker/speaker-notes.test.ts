import { describe, expect, it } from 'vitest';
import { NOTES_KEPT, withNote } from './speaker-notes.js';

const note = (text: string, at: string, sessionId = 's_1') => ({ sessionId, text, at });

describe('withNote', () => {
  it('puts the newest note first and keeps only a few', () => {
    let notes = withNote([], note('5 minutes left', '2026-12-05T10:25:00.000Z'), 's_1');
    notes = withNote(notes, note('Take the question from the back', '2026-12-05T10:26:00.000Z'), 's_1');
    expect(notes.map((item) => item.text)).toEqual(['Take the question from the back', '5 minutes left']);
    for (let minute = 0; minute < 10; minute += 1) notes = withNote(notes, note(`n${minute}`, `2026-12-05T10:3${minute}:00.000Z`), 's_1');
    expect(notes).toHaveLength(NOTES_KEPT);
    expect(notes[0]?.text).toBe('n9');
  });

  it('ignores another session’s note and a repeated one', () => {
    const first = note('Wrap up', '2026-12-05T10:25:00.000Z');
    expect(withNote([], note('Wrap up', '2026-12-05T10:25:00.000Z', 's_2'), 's_1')).toEqual([]);
    expect(withNote([first], { ...first }, 's_1')).toEqual([first]);
  });
});
