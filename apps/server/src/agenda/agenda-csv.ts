import { cleanTypedText } from '@jisr/core/typed-text';
import { sessionKindFromName } from '@jisr/core/session-kind-names';
import { similarName } from '@jisr/core/similar-names';
import { checkSessionTimes, conflictsOf, newSessionQa } from '@jisr/core/agenda-rules';
import { contentFallbacks, pickText } from '@jisr/core/localize';
import { addDays, instantInZone, wallClock } from '@jisr/core/time-zones';
import { Day, LANGS, type Lang, type LocalizedText } from '@jisr/protocol/common';
import type { CsvProblem, CsvProblemCode, CsvProblemParams, NameSuggestion } from '@jisr/protocol/errors';
import { SESSION_KINDS, type Event, type Room, type Session, type SessionKind, type Speaker } from '@jisr/protocol/event';
import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { spreadsheetSafe } from '../http/csv-cell.js';

/**
 * The agenda as a spreadsheet (docs/agenda-csv.md): one row per session, times on the
 * event's wall clock. Export and import use the same columns, so an export edited and
 * imported again updates the sessions it names by `id` and creates the rows without one.
 */

export const AGENDA_CSV_COLUMNS = [
  'id',
  'day',
  'start',
  'end',
  'room',
  'kind',
  ...LANGS.map((lang) => `title_${lang}`),
  ...LANGS.map((lang) => `description_${lang}`),
  'speakers',
] as const;

/** Speakers share one cell, separated by this. */
const SPEAKER_SEPARATOR = ';';
/** A bigger agenda is a sign of the wrong file; 2,000 sessions is far beyond any meeting's. */
export const MAX_IMPORT_ROWS = 2000;

export interface AgendaData {
  event: Event;
  rooms: readonly Room[];
  sessions: readonly Session[];
  speakers: readonly Speaker[];
}

function roomName(room: Room, event: Event): string {
  return pickText(room.name, event.defaultLang, contentFallbacks(event));
}

/** The agenda as CSV, planned times (delays left out) in the event's zone, every cell spreadsheet-safe. */
export function agendaCsv({ event, rooms, sessions, speakers }: AgendaData): string {
  const roomNames = new Map(rooms.map((room) => [room.id, roomName(room, event)]));
  const speakerNames = new Map(speakers.map((speaker) => [speaker.id, speaker.name]));
  const rows = [...sessions]
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
    .map((session) => {
      const start = wallClock(new Date(session.startsAt), event.timeZone);
      const end = wallClock(new Date(session.endsAt), event.timeZone);
      // Midnight ending the day reads 24:00 on that day, so the row stays one day.
      const endTime = end.day !== start.day && end.time === '00:00' ? '24:00' : end.time;
      const cells: string[] = [
        session.id,
        start.day,
        start.time,
        endTime,
        roomNames.get(session.roomId) ?? '',
        session.kind,
        ...LANGS.map((lang) => session.title[lang] ?? ''),
        ...LANGS.map((lang) => session.description[lang] ?? ''),
        session.speakerIds.map((id) => speakerNames.get(id) ?? '').filter((name) => name).join(`${SPEAKER_SEPARATOR} `),
      ];
      return cells.map(spreadsheetSafe);
    });
  return stringify([[...AGENDA_CSV_COLUMNS], ...rows]);
}

/** A session the import creates or updates, with its room and speakers by name (some maybe new). */
export interface ImportedSession {
  line: number;
  /** Absent: a new session. */
  id?: string;
  roomName: string;
  speakerNames: string[];
  kind: SessionKind;
  title: LocalizedText;
  description: LocalizedText;
  startsAt: string;
  endsAt: string;
}

export interface AgendaImportPlan {
  problems: CsvProblem[];
  sessions: ImportedSession[];
  /** Names of rooms and speakers the CSV names that the event doesn't have yet (created on import). */
  newRooms: string[];
  newSpeakers: string[];
  /** Names close to existing ones, awaiting the organizer's choice (neither in newRooms nor used). */
  suggestions: NameSuggestion[];
}

/** The organizer's answers to "did you mean…?": names (as in the CSV) to map to the existing one, or to create. */
export interface NameChoices {
  use: readonly string[];
  create: readonly string[];
}

/** A problem as the web words it (code, params), with its English for API clients. */
function csvProblem(line: number, column: string | undefined, code: CsvProblemCode, message: string, params?: CsvProblemParams): CsvProblem {
  return { line, ...(column === undefined ? {} : { column }), code, ...(params ? { params } : {}), message };
}

/** The inverse of spreadsheetSafe: a leading apostrophe before a formula character goes. */
function unguard(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

const fold = (name: string) => name.trim().toLocaleLowerCase();

const TIME = /^(\d{1,2}):(\d{2})$/;

/** 'HH:MM' as minutes of the day, or undefined; `allowMidnightEnd` takes 24:00. */
function minutesOf(text: string, allowMidnightEnd: boolean): number | undefined {
  const match = TIME.exec(text);
  if (!match) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  if (Number(match[2]) > 59) return undefined;
  if (minutes < 24 * 60 || (allowMidnightEnd && minutes === 24 * 60)) return minutes;
  return undefined;
}

function instantAt(day: string, minutes: number, timeZone: string): string {
  const nextDay = minutes === 24 * 60;
  const time = nextDay ? '00:00' : `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return instantInZone(nextDay ? addDays(day, 1) : day, time, timeZone).toISOString();
}

interface Row {
  line: number;
  cells: Record<string, string>;
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

function asParsedRecords(parsed: unknown): ParsedRecord[] {
  if (!Array.isArray(parsed)) throw new TypeError('csv-parse returned no array');
  return parsed.map((item: unknown): ParsedRecord => {
    const { record, info } = (item ?? {}) as { record?: unknown; info?: { lines?: unknown } };
    if (!Array.isArray(record) || typeof info?.lines !== 'number') throw new TypeError('csv-parse returned a record without info');
    return { record: record.map(String), info: { lines: info.lines } };
  });
}

/** The header (lower case) and the rows as cells by column; a row of the wrong width is a problem. */
function readRows(text: string, problems: CsvProblem[]): { header: string[]; rows: Row[] } {
  let records: ParsedRecord[];
  try {
    // With `info`, csv-parse gives { record, info } per row; its types don't say so: checked here.
    const parsed: unknown = parse(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true });
    records = asParsedRecords(parsed);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const { lines } = error as CsvError & { lines?: unknown };
    problems.push(csvProblem(typeof lines === 'number' ? lines : 1, undefined, 'not_csv', `The file is not valid CSV here: ${error.message}`, { value: error.message }));
    return { header: [], rows: [] };
  }
  const [first, ...rest] = records;
  const header = (first?.record ?? []).map((name) => name.trim().toLowerCase());
  const rows: Row[] = [];
  for (const { record, info } of rest) {
    if (record.length !== header.length) {
      const params = { count: record.length, expected: header.length };
      problems.push(csvProblem(info.lines, undefined, 'cell_count', `This line has ${record.length} cells, the header ${header.length}: check for a missing or extra comma`, params));
      continue;
    }
    // Cells are typed text like any other: core's one clean-up (no controls, bidi overrides, zero-width padding).
    rows.push({ line: info.lines, cells: Object.fromEntries(header.map((name, index) => [name, cleanTypedText(record[index] ?? '')])) });
  }
  return { header, rows };
}

function checkHeader(header: readonly string[], problems: CsvProblem[]): boolean {
  const before = problems.length;
  const known = new Set<string>(AGENDA_CSV_COLUMNS);
  for (const name of header) {
    if (!known.has(name)) problems.push(csvProblem(1, name, 'unknown_column', `Unknown column "${name}": see docs/agenda-csv.md`, { value: name }));
  }
  for (const required of ['day', 'start', 'end', 'room']) {
    if (!header.includes(required)) problems.push(csvProblem(1, required, 'missing_column', `The column "${required}" is missing`));
  }
  if (!header.some((name) => name.startsWith('title_'))) {
    problems.push(csvProblem(1, 'title_en', 'no_title_column', 'At least one title column (title_ar, title_fr, title_en...) is needed'));
  }
  return problems.length === before;
}

function texts(cells: Record<string, string>, prefix: string, max: number, line: number, problems: CsvProblem[]): LocalizedText {
  const result: LocalizedText = {};
  for (const lang of LANGS) {
    const value = unguard(cells[`${prefix}_${lang}`] ?? '');
    if (!value) continue;
    if (value.length > max) problems.push(csvProblem(line, `${prefix}_${lang}`, 'too_long', `At most ${max} characters`, { max }));
    result[lang as Lang] = value;
  }
  return result;
}

/** One row as a session to import, or its problems (pushed) and undefined. */
function readSession(row: Row, data: AgendaData, problems: CsvProblem[]): ImportedSession | undefined {
  const { line, cells } = row;
  const before = problems.length;
  const problem = (column: string, code: CsvProblemCode, message: string, params?: CsvProblemParams) =>
    problems.push(csvProblem(line, column, code, message, params));
  const id = cells['id'] ?? '';
  if (id && !data.sessions.some((session) => session.id === id)) {
    problem('id', 'unknown_session', `No session "${id}" in this event (leave id empty to create one)`, { value: id });
  }
  const day = cells['day'] ?? '';
  if (!Day.safeParse(day).success) problem('day', 'bad_day', `"${day}" is not a day: write YYYY-MM-DD`, { value: day });
  const start = minutesOf(cells['start'] ?? '', false);
  const startText = cells['start'] ?? '';
  if (start === undefined) problem('start', 'bad_time', `"${startText}" is not a time: write HH:MM, 00:00 to 23:59`, { value: startText });
  const end = minutesOf(cells['end'] ?? '', true);
  const endText = cells['end'] ?? '';
  if (end === undefined) problem('end', 'bad_time', `"${endText}" is not a time: write HH:MM, up to 24:00`, { value: endText });
  const room = unguard(cells['room'] ?? '');
  if (!room) problem('room', 'no_room', 'The room is missing');
  else if (room.length > 200) problem('room', 'too_long', 'At most 200 characters', { max: 200 });
  const kindText = cells['kind'] || 'talk';
  // The kind as the organizer's language names it ("atelier", "ورشة"): core's table.
  const kind = sessionKindFromName(kindText);
  if (!kind) problem('kind', 'bad_kind', `"${kindText}" is not a kind: ${SESSION_KINDS.join(', ')}`, { value: kindText });
  const title = texts(cells, 'title', 300, line, problems);
  if (Object.keys(title).length === 0) problem('title_en', 'no_title', 'A title in at least one language is needed');
  const description = texts(cells, 'description', 4000, line, problems);
  const speakerNames = (cells['speakers'] ?? '')
    .split(SPEAKER_SEPARATOR)
    .map((name) => unguard(name.trim()))
    .filter((name) => name);
  if (speakerNames.some((name) => name.length > 200)) problem('speakers', 'too_long', 'A speaker name has at most 200 characters', { max: 200 });
  if (problems.length > before || start === undefined || end === undefined || !kind) return undefined;
  const startsAt = instantAt(day, start, data.event.timeZone);
  const endsAt = instantAt(day, end, data.event.timeZone);
  const times = checkSessionTimes(data.event, { startsAt, endsAt });
  if (times) {
    const { code, day: eventDay } = times.times;
    problem(times.field === 'endsAt' ? 'end' : 'start', code, times.message.replace(/^\w+: /, ''), eventDay ? { day: eventDay } : undefined);
    return undefined;
  }
  return { line, ...(id ? { id } : {}), roomName: room, speakerNames, kind, title, description, startsAt, endsAt };
}

/**
 * Reads and checks a whole CSV without writing anything: every problem by line (bad cells,
 * unknown ids, times outside the event, sessions overlapping in a room, whether with each
 * other or with sessions already planned), and which rooms and speakers would be created.
 */
export function planAgendaImport(text: string, data: AgendaData, choices: NameChoices = { use: [], create: [] }): AgendaImportPlan {
  const problems: CsvProblem[] = [];
  const empty: AgendaImportPlan = { problems, sessions: [], newRooms: [], newSpeakers: [], suggestions: [] };
  const { header, rows } = readRows(text, problems);
  if (problems.length > 0 && header.length === 0) return empty;
  if (!checkHeader(header, problems)) return empty;
  if (rows.length > MAX_IMPORT_ROWS) {
    problems.push(csvProblem(1, undefined, 'too_many_rows', `At most ${MAX_IMPORT_ROWS} sessions in one file`, { max: MAX_IMPORT_ROWS }));
    return empty;
  }
  const imported: ImportedSession[] = [];
  const seenIds = new Map<string, number>();
  for (const row of rows) {
    const session = readSession(row, data, problems);
    if (!session) continue;
    if (session.id !== undefined) {
      const earlier = seenIds.get(session.id);
      if (earlier !== undefined) {
        problems.push(csvProblem(row.line, 'id', 'repeated_session', `Session "${session.id}" is already on line ${earlier}`, { value: session.id, line: earlier }));
        continue;
      }
      seenIds.set(session.id, row.line);
    }
    imported.push(session);
  }

  const roomIds = new Map<string, string>();
  for (const room of data.rooms) for (const name of Object.values(room.name)) if (name) roomIds.set(fold(name), room.id);
  const knownSpeakers = new Set(data.speakers.map((speaker) => fold(speaker.name)));
  // A name close to an existing one is a likely typo: used as the existing one, created, or asked about.
  const suggestions: NameSuggestion[] = [];
  const use = new Set(choices.use.map(fold));
  const create = new Set(choices.create.map(fold));
  const resolve = (kind: NameSuggestion['kind'], name: string, known: (folded: string) => boolean, existing: readonly string[]): string => {
    if (known(fold(name)) || create.has(fold(name))) return name;
    const near = similarName(name, existing);
    if (near === undefined) return name;
    if (use.has(fold(name))) return near;
    if (!suggestions.some((s) => s.kind === kind && fold(s.name) === fold(name))) suggestions.push({ kind, name, existing: near });
    return name;
  };
  const roomNames = data.rooms.flatMap((room) => Object.values(room.name).filter((name): name is string => Boolean(name)));
  for (const item of imported) {
    item.roomName = resolve('room', item.roomName, (folded) => roomIds.has(folded), roomNames);
    item.speakerNames = item.speakerNames.map((name) =>
      resolve('speaker', name, (folded) => knownSpeakers.has(folded), data.speakers.map((speaker) => speaker.name)),
    );
  }
  const open = (kind: NameSuggestion['kind'], name: string) => suggestions.some((s) => s.kind === kind && fold(s.name) === fold(name));
  const newRooms = [
    ...new Map(imported.filter((s) => !roomIds.has(fold(s.roomName)) && !open('room', s.roomName)).map((s) => [fold(s.roomName), s.roomName])).values(),
  ];
  const newSpeakers = [
    ...new Map(
      imported
        .flatMap((s) => s.speakerNames)
        .filter((name) => !knownSpeakers.has(fold(name)) && !open('speaker', name))
        .map((name) => [fold(name), name]),
    ).values(),
  ];

  // The agenda as it would be: planned sessions with the imported rows applied.
  const asSession = (item: ImportedSession): Session => {
    const existing = item.id === undefined ? undefined : data.sessions.find((session) => session.id === item.id);
    return {
      id: item.id ?? `line ${item.line}`,
      eventId: data.event.id,
      roomId: roomIds.get(fold(item.roomName)) ?? `new room ${fold(item.roomName)}`,
      kind: item.kind,
      title: item.title,
      description: item.description,
      startsAt: item.startsAt,
      endsAt: item.endsAt,
      status: existing?.status ?? 'scheduled',
      delayMinutes: existing?.delayMinutes ?? 0,
      speakerIds: [],
      qa: existing?.qa ?? newSessionQa(data.event, item.kind),
    };
  };
  const importedSessions = imported.map(asSession);
  const replaced = new Set(imported.flatMap((item) => (item.id === undefined ? [] : [item.id])));
  const final = [...data.sessions.filter((session) => !replaced.has(session.id)), ...importedSessions];
  const lineOf = new Map(imported.map((item, index) => [importedSessions[index]?.id, item.line]));
  imported.forEach((item, index) => {
    const session = importedSessions[index];
    if (!session) return;
    // Two lines of the file that overlap are one problem, said on the later line.
    const conflicts = conflictsOf(session, final).filter((other) => (lineOf.get(other.id) ?? 0) < item.line);
    if (conflicts.length === 0) return;
    const overlapped = conflicts.map((other) => {
      const line = lineOf.get(other.id);
      const title = Object.values(other.title).find((value) => value) ?? other.id;
      return line === undefined ? { title, id: other.id } : { title, line };
    });
    const names = overlapped.map((other) => (other.line === undefined ? `"${other.title}" (${other.id})` : `"${other.title}" on line ${other.line}`));
    const params = { room: item.roomName, sessions: overlapped };
    problems.push(csvProblem(item.line, 'start', 'overlap', `Overlaps ${names.join(', ')} in room "${item.roomName}"`, params));
  });
  return { problems: problems.sort((a, b) => a.line - b.line), sessions: imported, newRooms, newSpeakers, suggestions };
}
