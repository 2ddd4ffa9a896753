import { describe, expect, it } from 'vitest';
import { contentWords, findSimilar, questionSimilarity, questionWords, SIMILARITY_THRESHOLD } from './duplicates.js';

// Core has no DOM or Node types (it runs in both); both give this clock.
declare const performance: { now(): number };

describe('duplicate questions', () => {
  it('compares folded content words: Arabic diacritics, article and letter variants, Latin accents and plurals', () => {
    expect(contentWords('كَيْفَ يُمْكِنُ لِلْكَفَاءَاتِ المُسَاهَمَةُ؟', 'ar')).toEqual(contentWords('كيف يمكن للكفاءات المساهمة؟', 'ar'));
    expect([...contentWords('Les présentations seront-elles disponibles ?', 'fr')]).toEqual(['prese', 'dispo']);
    expect(contentWords('the projects', 'en')).toEqual(contentWords('a project', 'en'));
  });

  it('leaves stop words out, per language, but keeps question words and numbers', () => {
    expect([...contentWords('When is the meeting in 2027?', 'en')]).toEqual(['when', 'meeti', '2027']);
    expect([...contentWords('Gibt es eine Übersetzung?', 'de')]).toEqual(['ubers']);
  });

  it('finds a same-language paraphrase and not a different question on the same topic', () => {
    const asked = questionWords({ id: 'q1', text: 'Will the presentations be available after the event?', lang: 'en' });
    const same = questionWords({ id: 'q2', text: 'Will the presentations be available online after the event?', lang: 'en' });
    const other = questionWords({ id: 'q3', text: 'Who gave the presentations this morning?', lang: 'en' });
    expect(findSimilar(asked, [same, other], 3).map((match) => match.id)).toEqual(['q2']);
  });

  it('meets two languages through a translation they share (the pivot), a plain text or a machine one', () => {
    const arabic = questionWords({ id: 'ar', text: 'متى تبدأ الجلسة القادمة في بروكسيل؟', lang: 'ar', translations: { en: 'When does the next session in Brussels begin?' } });
    const dutch = questionWords({ id: 'nl', text: 'Wanneer begint de volgende sessie in Brussel?', lang: 'nl', translations: { en: { text: 'When does the next session in Brussels begin?' } } });
    const untranslated = questionWords({ id: 'fr', text: 'Quand commence la prochaine séance à Bruxelles ?', lang: 'fr' });
    expect(questionSimilarity(arabic, dutch)).toBe(1);
    // No language in common: nothing to compare, never a guess.
    expect(questionSimilarity(arabic, untranslated)).toBe(0);
  });

  it('ranks best first, at most `limit`, never the question itself, nothing under the threshold', () => {
    const target = questionWords({ id: 't', text: 'Will the slides be shared after the session?', lang: 'en' });
    const candidates = [
      target,
      questionWords({ id: 'a', text: 'Are the slides shared after the session?', lang: 'en' }),
      questionWords({ id: 'b', text: 'Will the slides be shared?', lang: 'en' }),
      questionWords({ id: 'c', text: 'Where is lunch served?', lang: 'en' }),
    ];
    const matches = findSimilar(target, candidates, 1);
    expect(matches.map((match) => match.id)).toEqual(['a']);
    expect(matches[0]?.score).toBeGreaterThanOrEqual(SIMILARITY_THRESHOLD);
    expect(findSimilar(target, candidates, 0)).toEqual([]);
  });

  it('is fast enough for a session of 500 questions asked one after another', () => {
    const topics = ['budget', 'slides', 'visa', 'housing', 'mentoring', 'Brussels', 'Madrid', 'scholarships', 'health', 'investment'];
    const questions = Array.from({ length: 500 }, (_, index) =>
      questionWords({ id: `q${index}`, text: `Question ${index} about ${topics[index % 10]} and ${topics[(index * 7) % 10]} number ${index % 37}?`, lang: 'en', translations: { fr: `Question ${index} sur ${topics[index % 10]}` } }),
    );
    const started = performance.now();
    for (const question of questions.slice(-50)) findSimilar(question, questions, 3);
    // 50 arrivals against the whole session: well under what a handler may spend.
    expect((performance.now() - started) / 50).toBeLessThan(50);
  });
});
