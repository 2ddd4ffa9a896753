import type { Session } from '@jisr/protocol/event';
import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.js';
import {
  askRefusal,
  initialStatus,
  isQuestionVisible,
  normalizeQuestionText,
  questionLang,
  sortQuestions,
  toPublicQuestion,
  voteRefusal,
  type QuestionRecord,
} from './questions.js';

const qa = { open: true, moderated: false, anonymousAllowed: true };
const session = { status: 'live', qa } as Session;

function question(id: string, extra: Partial<QuestionRecord> = {}): QuestionRecord {
  return {
    id,
    sessionId: 's1',
    text: 'Why?',
    lang: 'en',
    status: 'approved',
    votes: 0,
    pinned: false,
    anonymous: false,
    authorName: 'Amina',
    createdAt: '2026-12-05T08:00:00.000Z',
    authorKey: 'p:author',
    clientId: 'client-1',
    labels: [],
    ...extra,
  };
}

const attendee: Actor = { role: 'attendee', eventId: 'e1', participantId: 'other' };
const author: Actor = { role: 'attendee', eventId: 'e1', participantId: 'author' };
const moderator: Actor = { role: 'moderator', eventId: 'e1' };
const screen: Actor = { role: 'screen', eventId: 'e1' };

describe('asking', () => {
  it('refuses when Q&A is closed, the session is over, or anonymity is not allowed', () => {
    expect(askRefusal(session, false)).toBeNull();
    expect(askRefusal({ ...session, qa: { ...qa, open: false } }, false)).toBe('qa_closed');
    expect(askRefusal({ ...session, status: 'ended' }, false)).toBe('session_over');
    expect(askRefusal({ ...session, qa: { ...qa, anonymousAllowed: false } }, true)).toBe('anonymous_not_allowed');
  });

  it('holds questions of moderated sessions for approval', () => {
    expect(initialStatus(session)).toBe('approved');
    expect(initialStatus({ ...session, qa: { ...qa, moderated: true } })).toBe('pending');
  });

  it('cleans text: NFC, no controls or bidi overrides, folded blank lines, trimmed', () => {
    expect(normalizeQuestionText('  Cafe\u0301 ?  ')).toBe('Café ?');
    expect(normalizeQuestionText('a\u202Eb\u0000c')).toBe('abc');
    expect(normalizeQuestionText('one\r\n\r\n\r\n\r\ntwo')).toBe('one\n\ntwo');
    expect(normalizeQuestionText(' \u200B\u200B ')).toBeNull();
    expect(normalizeQuestionText('\u0000\u0001')).toBeNull();
    expect(normalizeQuestionText('x'.repeat(501))).toBeNull();
  });

  it('takes the stated language, else Arabic for Arabic script, else the asker’s', () => {
    expect(questionLang('Hello', 'nl', 'fr')).toBe('nl');
    expect(questionLang('ما هي خطط المؤسسة؟', undefined, 'fr')).toBe('ar');
    expect(questionLang('Quand ?', undefined, 'fr')).toBe('fr');
  });
});

describe('visibility', () => {
  it('shows pending questions to staff and to their author only', () => {
    const pending = question('q1', { status: 'pending' });
    expect(isQuestionVisible(pending, moderator, 'u:mod')).toBe(true);
    expect(isQuestionVisible(pending, author, 'p:author')).toBe(true);
    expect(isQuestionVisible(pending, attendee, 'p:other')).toBe(false);
    expect(isQuestionVisible(pending, screen, 'r:screen:e1')).toBe(false);
  });

  it('hides rejected and archived questions from everyone but staff', () => {
    for (const status of ['rejected', 'archived'] as const) {
      expect(isQuestionVisible(question('q', { status }), author, 'p:author')).toBe(false);
      expect(isQuestionVisible(question('q', { status }), moderator, 'u:mod')).toBe(true);
    }
  });

  it('never lets the author key or an anonymous author’s name out', () => {
    const named = toPublicQuestion(question('q1'));
    expect(named).not.toHaveProperty('authorKey');
    expect(named).not.toHaveProperty('clientId');
    expect(named.authorName).toBe('Amina');
    expect(toPublicQuestion(question('q2', { anonymous: true }))).not.toHaveProperty('authorName');
  });
});

describe('voting and order', () => {
  it('takes votes only on published, unanswered questions of a running session', () => {
    expect(voteRefusal(question('q'), session)).toBeNull();
    expect(voteRefusal(question('q', { status: 'pending' }), session)).toBe('not_published');
    expect(voteRefusal(question('q', { status: 'answered' }), session)).toBe('not_published');
    expect(voteRefusal(question('q'), { ...session, status: 'ended' })).toBe('session_over');
  });

  it('orders popular by pin, votes, then oldest first; recent by newest', () => {
    const old = question('old', { votes: 3, createdAt: '2026-12-05T08:00:00.000Z' });
    const tie = question('tie', { votes: 3, createdAt: '2026-12-05T08:05:00.000Z' });
    const top = question('top', { votes: 9, createdAt: '2026-12-05T08:01:00.000Z' });
    const pinned = question('pin', { votes: 0, pinned: true, createdAt: '2026-12-05T08:02:00.000Z' });
    expect(sortQuestions([old, tie, top, pinned], 'popular').map((q) => q.id)).toEqual(['pin', 'top', 'old', 'tie']);
    expect(sortQuestions([old, tie, top, pinned], 'recent').map((q) => q.id)).toEqual(['tie', 'pin', 'top', 'old']);
  });
});
