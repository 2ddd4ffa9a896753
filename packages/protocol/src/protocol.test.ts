import { describe, expect, it } from 'vitest';
import { ClientEvent, clientEventSchemas } from './events.js';
import { JoinRequest } from './http.js';
import { Ballot, PollCreateInput, PollEditInput } from './poll.js';
import { QuestionAskInput, QuestionTranslateInput } from './question.js';
import { TimeZone } from './common.js';

describe('protocol schemas', () => {
  it('has a schema for every client event', () => {
    for (const name of Object.values(ClientEvent)) {
      expect(clientEventSchemas[name], name).toBeDefined();
    }
  });

  it('trims question text and rejects empty or over-long text, naming the field', () => {
    const ok = QuestionAskInput.parse({ sessionId: 's1', text: '  Pourquoi ?  ', clientId: 'abcdefgh' });
    expect(ok.text).toBe('Pourquoi ?');
    expect(ok.anonymous).toBe(false);
    const long = QuestionAskInput.safeParse({ sessionId: 's1', text: 'x'.repeat(501), clientId: 'abcdefgh' });
    expect(long.success).toBe(false);
    expect(long.error?.issues[0]?.path).toEqual(['text']);
    expect(QuestionAskInput.safeParse({ sessionId: 's1', text: '   ', clientId: 'abcdefgh' }).success).toBe(false);
  });

  it('strips unknown keys such as __proto__ from payloads', () => {
    const payload = JSON.parse('{"sessionId":"s1","text":"hi","clientId":"abcdefgh","__proto__":{"polluted":1}}');
    const parsed = QuestionAskInput.parse(payload) as Record<string, unknown>;
    expect(Object.keys(parsed).sort()).toEqual(['anonymous', 'clientId', 'sessionId', 'text']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('normalises join codes to upper case', () => {
    expect(JoinRequest.parse({ code: ' demo ' }).code).toBe('DEMO');
    expect(JoinRequest.safeParse({ code: 'de mo' }).success).toBe(false);
  });

  it('accepts IANA zones and refuses made-up ones', () => {
    expect(TimeZone.safeParse('Africa/Casablanca').success).toBe(true);
    expect(TimeZone.safeParse('Mars/Olympus').success).toBe(false);
  });

  it('accepts every ballot shape and refuses others', () => {
    expect(Ballot.safeParse({ optionId: 'o1' }).success).toBe(true);
    expect(Ballot.safeParse({ value: 4 }).success).toBe(true);
    expect(Ballot.safeParse({ words: ['تضامن'] }).success).toBe(true);
    expect(Ballot.safeParse({ value: 11 }).success).toBe(false);
    expect(Ballot.safeParse({ nothing: true }).success).toBe(false);
  });
});

describe('content in several languages', () => {
  const base = { sessionId: 's1', kind: 'single', prompt: 'Où ?', options: ['Madrid', 'Rabat'] } as const;

  it('takes a poll’s language and translations, trimmed, options defaulting to none', () => {
    const parsed = PollCreateInput.parse({ ...base, lang: 'fr', translations: { ar: { prompt: ' أين؟ ', options: [' مدريد', 'الرباط '] }, en: { prompt: 'Where?' } } });
    expect(parsed.lang).toBe('fr');
    expect(parsed.translations).toEqual({ ar: { prompt: 'أين؟', options: ['مدريد', 'الرباط'] }, en: { prompt: 'Where?', options: [] } });
  });

  it('refuses an empty or over-long translated prompt or label, and an unknown language, naming the field', () => {
    const empty = PollCreateInput.safeParse({ ...base, translations: { ar: { prompt: '  ', options: [] } } });
    expect(empty.error?.issues[0]?.path).toEqual(['translations', 'ar', 'prompt']);
    const long = PollEditInput.safeParse({ pollId: 'p1', translations: { en: { prompt: 'Where?', options: ['x'.repeat(201)] } } });
    expect(long.error?.issues[0]?.path).toEqual(['translations', 'en', 'options', 0]);
    expect(PollCreateInput.safeParse({ ...base, translations: { xx: { prompt: 'Where?' } } }).success).toBe(false);
    expect(PollCreateInput.safeParse({ ...base, lang: 'xx' }).success).toBe(false);
  });

  it('takes a question translation, trimmed; an empty one is a removal', () => {
    expect(QuestionTranslateInput.parse({ questionId: 'q1', lang: 'ar', text: ' متى؟ ' }).text).toBe('متى؟');
    expect(QuestionTranslateInput.parse({ questionId: 'q1', lang: 'ar', text: '' }).text).toBe('');
    const long = QuestionTranslateInput.safeParse({ questionId: 'q1', lang: 'ar', text: 'x'.repeat(501) });
    expect(long.error?.issues[0]?.path).toEqual(['text']);
  });
});
