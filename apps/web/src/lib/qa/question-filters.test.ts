import { describe, expect, it } from 'vitest';
import { makeQuestion as q } from '$lib/test/questions.js';
import { attendeeView, countByAttendeeTab, languagesOf } from './question-filters.js';

const questions = [
  q('a', { lang: 'fr' }),
  q('b', { lang: 'ar', status: 'pending' }),
  q('c', { lang: 'fr', status: 'answered' }),
  q('d', { lang: 'en' }),
  q('e', { lang: 'fr' }),
];

describe('attendee question filters', () => {
  it('lists the languages present, most used first', () => {
    expect(languagesOf(questions)).toEqual(['fr', 'ar', 'en']);
    expect(languagesOf([])).toEqual([]);
  });

  it('splits open (with one’s own pending) from answered, keeping the order', () => {
    expect(attendeeView(questions, 'open', null).map((question) => question.id)).toEqual(['a', 'b', 'd', 'e']);
    expect(attendeeView(questions, 'answered', null).map((question) => question.id)).toEqual(['c']);
    expect(countByAttendeeTab(questions)).toEqual({ open: 4, answered: 1 });
  });

  it('filters by the question’s language', () => {
    expect(attendeeView(questions, 'open', 'fr').map((question) => question.id)).toEqual(['a', 'e']);
    expect(attendeeView(questions, 'answered', 'ar')).toEqual([]);
  });
});
