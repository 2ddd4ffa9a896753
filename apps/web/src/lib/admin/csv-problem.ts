import { LANGS, type Lang } from '@jisr/protocol/common';
import type { CsvProblem, CsvProblemCode, SessionTimesReason } from '@jisr/protocol/errors';
import type { Locale } from '$lib/i18n/locale.svelte.js';
import type { MessageKey } from '$lib/i18n/types.js';

/**
 * An agenda CSV's problems in the organizer's language (issue 25.5): the server sends a
 * code with its specifics, the dictionary words it, and each column is named as the
 * session form labels that field ("Début", not "start").
 */

/** What this needs of a Locale: a plain object in tests. */
export type CsvWording = Pick<Locale, 't' | 'day' | 'list' | 'isolate' | 'languageName'>;

const PROBLEM_KEYS: Readonly<Record<CsvProblemCode, MessageKey>> = {
  not_csv: 'manage.data.csv.not_csv',
  cell_count: 'manage.data.csv.cell_count',
  unknown_column: 'manage.data.csv.unknown_column',
  missing_column: 'manage.data.csv.missing_column',
  no_title_column: 'manage.data.csv.no_title_column',
  too_many_rows: 'manage.data.csv.too_many_rows',
  too_long: 'manage.data.csv.too_long',
  unknown_session: 'manage.data.csv.unknown_session',
  repeated_session: 'manage.data.csv.repeated_session',
  bad_day: 'manage.data.csv.bad_day',
  bad_time: 'manage.data.csv.bad_time',
  no_room: 'manage.data.csv.no_room',
  bad_kind: 'manage.data.csv.bad_kind',
  no_title: 'manage.data.csv.no_title',
  end_before_start: 'manage.data.csv.end_before_start',
  before_event: 'manage.data.csv.before_event',
  after_event: 'manage.data.csv.after_event',
  overlap: 'manage.data.csv.overlap',
};

/** The columns the session form has a field for, by that field's label. */
const COLUMN_KEYS: Readonly<Record<string, MessageKey>> = {
  id: 'manage.data.csv.id',
  day: 'manage.sessions.day',
  start: 'manage.sessions.start',
  end: 'manage.sessions.end',
  room: 'manage.sessions.room',
  kind: 'manage.sessions.kind',
  speakers: 'manage.sessions.speakers',
};

/** The message for a problem's code; a code this build doesn't know reads as the generic "check this field". */
export function csvProblemKey(code: string | undefined): MessageKey {
  return (code && Object.hasOwn(PROBLEM_KEYS, code) ? PROBLEM_KEYS[code as CsvProblemCode] : undefined) ?? 'manage.fieldInvalid';
}

/**
 * A session's refused times (an `invalid_input`'s `details.times`) in the reader's language:
 * the import's sentence for the same rule. Null for a rule this build doesn't know.
 */
export function sessionTimesText(locale: Pick<CsvWording, 't' | 'day'>, reason: SessionTimesReason | undefined): string | null {
  if (!reason || !Object.hasOwn(PROBLEM_KEYS, reason.code)) return null;
  return locale.t(csvProblemKey(reason.code), { day: reason.day ? locale.day(reason.day, 'long') : '' });
}

/** A column as the form labels its field ("Titre (arabe)" for title_ar), or null for one it has no field for. */
export function csvColumnLabel(locale: CsvWording, column: string | undefined): string | null {
  if (!column) return null;
  const known = COLUMN_KEYS[column];
  if (known) return locale.t(known);
  const localized = /^(title|description)_([a-z]{2})$/.exec(column);
  const lang = localized?.[2];
  if (!localized || !LANGS.includes(lang as Lang)) return null;
  const field = locale.t(localized[1] === 'title' ? 'manage.sessions.title' : 'manage.sessions.description');
  return locale.t('manage.data.csv.inLanguage', { field, lang: locale.languageName(lang ?? '') });
}

/** The problem as a sentence in the reader's language; names and values from the file stay isolated. */
export function csvProblemText(locale: CsvWording, problem: CsvProblem): string {
  const params = problem.params ?? {};
  const sessions = (params.sessions ?? []).map((session) =>
    session.line === undefined
      ? locale.t('manage.data.csv.session', { title: locale.isolate(session.title) })
      : locale.t('manage.data.csv.sessionOnLine', { title: locale.isolate(session.title), line: session.line }),
  );
  return locale.t(csvProblemKey(problem.code), {
    value: locale.isolate(params.value ?? ''),
    room: locale.isolate(params.room ?? ''),
    day: params.day ? locale.day(params.day, 'long') : '',
    sessions: locale.list(sessions),
    ...(params.count === undefined ? {} : { count: params.count }),
    ...(params.expected === undefined ? {} : { expected: params.expected }),
    ...(params.max === undefined ? {} : { max: params.max }),
    ...(params.line === undefined ? {} : { line: params.line }),
  });
}
