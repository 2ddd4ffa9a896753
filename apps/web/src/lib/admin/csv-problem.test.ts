import { CSV_PROBLEM_CODES, type CsvProblem } from '@jisr/protocol/errors';
import { describe, expect, it } from 'vitest';
import { dictionaries } from '$lib/i18n/dictionaries.js';
import { formatDay, formatLanguageName, formatList } from '$lib/i18n/format.js';
import { translate } from '$lib/i18n/translate.js';
import { csvColumnLabel, csvProblemKey, csvProblemText, sessionTimesText, type CsvWording } from './csv-problem.js';

/** The Locale's wording, over one whole dictionary, without a component around it. */
function wording(lang: keyof typeof dictionaries): CsvWording {
  const messages = dictionaries[lang];
  const intl = messages.meta.intl;
  return {
    t: (key, params) => translate(messages, key, params),
    day: (day, style) => formatDay(day, intl, style),
    list: (items) => formatList(items, intl),
    isolate: (text) => text,
    languageName: (lang) => formatLanguageName(lang, intl),
  };
}

describe('agenda CSV problems in the reader\'s language (issue 25.5)', () => {
  it('has a sentence for every code the server sends, in all six languages', () => {
    for (const code of CSV_PROBLEM_CODES) {
      const key = csvProblemKey(code);
      expect(key, code).not.toBe('manage.fieldInvalid');
      for (const [lang, messages] of Object.entries(dictionaries)) expect(translate(messages, key), `${lang} ${code}`).not.toBe(key);
    }
    expect(csvProblemKey('from_a_newer_server')).toBe('manage.fieldInvalid');
  });

  it('words a problem in French, never the server\'s English, and names the column as the form labels it', () => {
    const fr = wording('fr');
    const badTime: CsvProblem = { line: 3, column: 'start', code: 'bad_time', params: { value: '25:00' }, message: '"25:00" is not a time' };
    expect(csvProblemText(fr, badTime)).toBe('« 25:00 » n’est pas une heure : écrivez-la sous la forme 09:30 (sur 24 heures, jusqu’à 24:00 pour une fin).');
    expect(csvColumnLabel(fr, 'start')).toBe('Début');
    expect(csvColumnLabel(fr, 'end')).toBe(translate(dictionaries.fr, 'manage.sessions.end'));
    expect(csvColumnLabel(fr, 'title_ar')).toBe('Titre (arabe)');
    expect(csvColumnLabel(fr, 'salary')).toBeNull();
    const ends: CsvProblem = { line: 5, column: 'end', code: 'end_before_start', message: 'must be after startsAt' };
    expect(csvProblemText(fr, ends)).toBe('La fin doit venir après le début.');
    const overlap: CsvProblem = {
      line: 8,
      column: 'start',
      code: 'overlap',
      params: { room: 'Grande salle', sessions: [{ title: 'Ouverture', line: 2 }, { title: 'Accueil', id: 'se_1' }] },
      message: 'Overlaps',
    };
    expect(csvProblemText(fr, overlap)).toBe('Chevauche « Ouverture » (ligne 2) et « Accueil » dans la salle « Grande salle ».');
    const after: CsvProblem = { line: 11, column: 'start', code: 'after_event', params: { day: '2027-01-16' }, message: 'after' };
    expect(csvProblemText(fr, after)).toBe('C’est après le dernier jour de l’événement, le samedi 16 janvier.');
  });

  it('says which time rule a refused session form broke, in the import\'s words (issue 25)', () => {
    expect(sessionTimesText(wording('fr'), { code: 'end_before_start' })).toBe('La fin doit venir après le début.');
    expect(sessionTimesText(wording('de'), { code: 'before_event', day: '2027-01-15' })).toBe('Das liegt vor dem ersten Tag der Veranstaltung, Freitag, 15. Januar.');
    expect(sessionTimesText(wording('ar'), { code: 'after_event', day: '2027-01-16' })).toContain('هذا بعد اليوم الأخير للفعالية');
    // A rule from a newer server, or none: the form keeps its plain "check the field".
    expect(sessionTimesText(wording('en'), { code: 'from_a_newer_server' as 'end_before_start' })).toBeNull();
    expect(sessionTimesText(wording('en'), undefined)).toBeNull();
  });

  it('counts what the import does with a plural per count (issue 25.11)', () => {
    const ready = (lang: keyof typeof dictionaries, created: number, updated: number) =>
      translate(dictionaries[lang], 'manage.data.ready', {
        created: translate(dictionaries[lang], 'manage.data.newSessions', { count: created }),
        updated: translate(dictionaries[lang], 'manage.data.updatedSessions', { count: updated }),
      });
    expect(ready('fr', 1, 0)).toBe('Le fichier est prêt : 1 nouvelle session, 0 mise à jour.');
    expect(ready('fr', 14, 2)).toBe('Le fichier est prêt : 14 nouvelles sessions, 2 mises à jour.');
    expect(ready('en', 1, 3)).toBe('The file is ready: 1 new session, 3 updated.');
    expect(ready('ar', 2, 0)).toBe('الملف جاهز: جلستان جديدتان ولا جلسات محدّثة.');
  });

  it('says the same in Arabic, with its own words for the kinds', () => {
    const ar = wording('ar');
    const kind: CsvProblem = { line: 6, column: 'kind', code: 'bad_kind', params: { value: 'party' }, message: 'not a kind' };
    expect(csvProblemText(ar, kind)).toContain('ورشة');
    expect(csvColumnLabel(ar, 'room')).toBe(translate(dictionaries.ar, 'manage.sessions.room'));
  });
});
