import { checkSessionTimes, conflictsOf, eventDefaults } from '@jisr/core/agenda-rules';
import { contentFallbacks, pickText } from '@jisr/core/localize';
import { addDays, instantInZone, wallClock } from '@jisr/core/time-zones';
import { Day, LANGS, type Lang, type LocalizedText } from '@jisr/protocol/common';
import type { CsvProblem } from '@jisr/protocol/errors';
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
    problems.push({ line: typeof lines === 'number' ? lines : 1, message: `The file is not valid CSV here: ${error.message}` });
    return { header: [], rows: [] };
  }
  const [first, ...rest] = records;
  const header = (first?.record ?? []).map((name) => name.trim().toLowerCase());
  const rows: Row[] = [];
  for (const { record, info } of rest) {
    if (record.length !== header.length) {
      problems.push({ line: info.lines, message: `This line has ${record.length} cells, the header ${header.length}: check for a missing or extra comma` });
      continue;
    }
    rows.push({ line: info.lines, cells: Object.fromEntries(header.map((name, index) => [name, record[index] ?? ''])) });
  }
  return { header, rows };
}

function checkHeader(header: readonly string[], problems: CsvProblem[]): boolean {
  const before = problems.length;
  const known = new Set<string>(AGENDA_CSV_COLUMNS);
  for (const name of header) {
    if (!known.has(name)) problems.push({ line: 1, column: name, message: `Unknown column "${name}": see docs/agenda-csv.md` });
  }
  for (const required of ['day', 'start', 'end', 'room']) {
    if (!header.includes(required)) problems.push({ line: 1, column: required, message: `The column "${required}" is missing` });
  }
  if (!header.some((name) => name.startsWith('title_'))) {
    problems.push({ line: 1, column: 'title_en', message: 'At least one title column (title_ar, title_fr, title_en...) is needed' });
  }
  return problems.length === before;
}

function texts(cells: Record<string, string>, prefix: string, max: number, line: number, problems: CsvProblem[]): LocalizedText {
  const result: LocalizedText = {};
  for (const lang of LANGS) {
    const value = unguard(cells[`${prefix}_${lang}`] ?? '');
    if (!value) continue;
    if (value.length > max) problems.push({ line, column: `${prefix}_${lang}`, message: `At most ${max} characters` });
    result[lang as Lang] = value;
  }
  return result;
}

/** One row as a session to import, or its problems (pushed) and undefined. */
function readSession(row: Row, data: AgendaData, problems: CsvProblem[]): ImportedSession | undefined {
  const { line, cells } = row;
  const before = problems.length;
  const problem = (column: string, message: string) => problems.push({ line, column, message });
  const id = cells['id'] ?? '';
  if (id && !data.sessions.some((session) => session.id === id)) problem('id', `No session "${id}" in this event (leave id empty to create one)`);
  const day = cells['day'] ?? '';
  if (!Day.safeParse(day).success) problem('day', `"${day}" is not a day: write YYYY-MM-DD`);
  const start = minutesOf(cells['start'] ?? '', false);
  if (start === undefined) problem('start', `"${cells['start'] ?? ''}" is not a time: write HH:MM, 00:00 to 23:59`);
  const end = minutesOf(cells['end'] ?? '', true);
  if (end === undefined) problem('end', `"${cells['end'] ?? ''}" is not a time: write HH:MM, up to 24:00`);
  const room = unguard(cells['room'] ?? '');
  if (!room) problem('room', 'The room is missing');
  else if (room.length > 200) problem('room', 'At most 200 characters');
  const kindText = cells['kind'] || 'talk';
  const kind = SESSION_KINDS.find((candidate) => candidate === kindText);
  if (!kind) problem('kind', `"${kindText}" is not a kind: ${SESSION_KINDS.join(', ')}`);
  const title = texts(cells, 'title', 300, line, problems);
  if (Object.keys(title).length === 0) problem('title_en', 'A title in at least one language is needed');
  const description = texts(cells, 'description', 4000, line, problems);
  const speakerNames = (cells['speakers'] ?? '')
    .split(SPEAKER_SEPARATOR)
    .map((name) => unguard(name.trim()))
    .filter((name) => name);
  if (speakerNames.some((name) => name.length > 200)) problem('speakers', 'A speaker name has at most 200 characters');
  if (problems.length > before || start === undefined || end === undefined || !kind) return undefined;
  const startsAt = instantAt(day, start, data.event.timeZone);
  const endsAt = instantAt(day, end, data.event.timeZone);
  const times = checkSessionTimes(data.event, { startsAt, endsAt });
  if (times?.kind === 'invalid') {
    problem(times.field === 'endsAt' ? 'end' : 'start', times.message.replace(/^\w+: /, ''));
    return undefined;
  }
  return { line, ...(id ? { id } : {}), roomName: room, speakerNames, kind, title, description, startsAt, endsAt };
}

/**
 * Reads and checks a whole CSV without writing anything: every problem by line (bad cells,
 * unknown ids, times outside the event, sessions overlapping in a room, whether with each
 * other or with sessions already planned), and which rooms and speakers would be created.
 */
export function planAgendaImport(text: string, data: AgendaData): AgendaImportPlan {
  const problems: CsvProblem[] = [];
  const empty: AgendaImportPlan = { problems, sessions: [], newRooms: [], newSpeakers: [] };
  const { header, rows } = readRows(text, problems);
  if (problems.length > 0 && header.length === 0) return empty;
  if (!checkHeader(header, problems)) return empty;
  if (rows.length > MAX_IMPORT_ROWS) {
    problems.push({ line: 1, message: `At most ${MAX_IMPORT_ROWS} sessions in one file` });
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
        problems.push({ line: row.line, column: 'id', message: `Session "${session.id}" is already on line ${earlier}` });
        continue;
      }
      seenIds.set(session.id, row.line);
    }
    imported.push(session);
  }

  const roomIds = new Map<string, string>();
  for (const room of data.rooms) for (const name of Object.values(room.name)) if (name) roomIds.set(fold(name), room.id);
  const newRooms = [...new Map(imported.filter((s) => !roomIds.has(fold(s.roomName))).map((s) => [fold(s.roomName), s.roomName])).values()];
  const knownSpeakers = new Set(data.speakers.map((speaker) => fold(speaker.name)));
  const newSpeakers = [
    ...new Map(imported.flatMap((s) => s.speakerNames).filter((name) => !knownSpeakers.has(fold(name))).map((name) => [fold(name), name])).values(),
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
      qa: existing?.qa ?? eventDefaults(data.event).qa,
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
    const names = conflicts.map((other) => {
      const line = lineOf.get(other.id);
      const title = Object.values(other.title).find((value) => value) ?? other.id;
      return line === undefined ? `"${title}" (${other.id})` : `"${title}" on line ${line}`;
    });
    problems.push({ line: item.line, column: 'start', message: `Overlaps ${names.join(', ')} in room "${item.roomName}"` });
  });
  return { problems: problems.sort((a, b) => a.line - b.line), sessions: imported, newRooms, newSpeakers };
}
