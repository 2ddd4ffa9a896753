import { describe, expect, it } from 'vitest';
import { changesSinceSeen, parseSeen, seenOf } from './starred-seen.js';
import { testSession } from './test-sessions.js';

const panel = testSession({ id: 'p' });
const talk = testSession({ id: 't', roomId: 'r_2' });

describe('starred sessions seen before', () => {
  it('tells what changed in a starred session since the agenda was last open', () => {
    const seen = seenOf([panel, talk], ['p']);
    const later = [{ ...panel, delayMinutes: 15 }, { ...talk, status: 'cancelled' as const }];
    expect(changesSinceSeen(later, seen, ['p']).map((change) => [change.after.id, change.kind])).toEqual([['p', 'rescheduled']]);
  });

  it('says nothing for a session unstarred since, or not seen yet', () => {
    const seen = seenOf([panel], ['p']);
    expect(changesSinceSeen([{ ...panel, roomId: 'r_9' }], seen, [])).toEqual([]);
    expect(changesSinceSeen([{ ...talk, roomId: 'r_9' }], seen, ['t'])).toEqual([]);
  });

  it('reads back what it stored and drops the rest', () => {
    const seen = seenOf([panel], ['p']);
    expect(parseSeen(JSON.stringify(seen))).toEqual(seen);
    expect(parseSeen(JSON.stringify({ p: { roomId: 1 }, q: seen['p'] }))).toEqual({ q: seen['p'] });
    expect(parseSeen('nope')).toEqual({});
    expect(parseSeen(JSON.stringify([1]))).toEqual({});
  });
});
