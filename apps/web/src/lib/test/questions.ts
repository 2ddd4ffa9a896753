import type { Question } from '@jisr/protocol/question';

/** A question for unit tests: approved, no votes, in English, unless told otherwise. */
export function makeQuestion(id: string, overrides: Partial<Question> = {}): Question {
  return {
    id,
    sessionId: 's_1',
    text: `Question ${id}`,
    lang: 'en',
    status: 'approved',
    votes: 0,
    pinned: false,
    anonymous: false,
    createdAt: '2026-12-05T08:40:00.000Z',
    labels: [],
    ...overrides,
  };
}
