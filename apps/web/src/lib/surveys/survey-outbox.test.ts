import { describe, expect, it } from 'vitest';
import { enqueue, parseItems, serializeItems } from '$lib/realtime/outbox.js';
import { parseSurveyItem, surveyItem, surveyOutboxKey } from './survey-outbox.js';

describe('survey outbox', () => {
  const input = { surveyId: 'sv_1', answers: [{ questionId: 'i1', ballot: { value: 4 } }], clientId: 'c0ffee-0001' };

  it('keeps an answer across a reload with its clientId; the same answer twice stays one', () => {
    const at = new Date('2026-12-05T10:00:00.000Z');
    const items = enqueue(enqueue([], surveyItem(input, at)), surveyItem(input, at));
    expect(items).toHaveLength(1);
    const stored = serializeItems(items);
    expect(parseItems(stored, parseSurveyItem)).toEqual([{ kind: 'survey', id: 'c0ffee-0001', input, at: '2026-12-05T10:00:00.000Z' }]);
    // A session outbox knows no survey: it never reads one back.
    expect(parseItems(stored)).toEqual([]);
  });

  it('drops what does not parse (another version, a hand edit)', () => {
    const bad = JSON.stringify([{ kind: 'survey', input: { surveyId: 'sv_1', answers: [], clientId: 'c0ffee-0001' }, at: '2026-12-05T10:00:00.000Z' }]);
    expect(parseItems(bad, parseSurveyItem)).toEqual([]);
    expect(surveyOutboxKey('ev_1')).toBe('jisr:outbox:v1:ev_1:surveys');
  });
});
