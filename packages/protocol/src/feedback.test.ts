import { describe, expect, it } from 'vitest';
import { FeedbackGiveInput } from './feedback.js';

const give = { sessionId: 'se_1', rating: 4, clientId: 'c1234567' };

describe('FeedbackGiveInput', () => {
  it('takes a rating of 1 to 5 with or without a comment', () => {
    expect(FeedbackGiveInput.parse(give)).toEqual(give);
    expect(FeedbackGiveInput.parse({ ...give, rating: 1, comment: '  Clair  ' }).comment).toBe('Clair');
  });

  it.each([0, 6, 3.5, '4', null])('refuses the rating %s, naming the field', (rating) => {
    const result = FeedbackGiveInput.safeParse({ ...give, rating });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['rating']);
  });

  it('refuses a comment longer than a question and a missing clientId', () => {
    expect(FeedbackGiveInput.safeParse({ ...give, comment: 'x'.repeat(501) }).success).toBe(false);
    expect(FeedbackGiveInput.safeParse({ sessionId: 'se_1', rating: 3 }).success).toBe(false);
  });
});
