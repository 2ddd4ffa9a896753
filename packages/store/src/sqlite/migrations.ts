import { pragma, type Db } from './connection.js';

/**
 * The schema, one entry per version: entry i takes the database from version i to i + 1
 * (`PRAGMA user_version`). Entries are append-only: never edit one that has shipped.
 *
 * Conventions: `ord INTEGER PRIMARY KEY` is each row's insertion order (what "creation
 * order" means in the Store interface); it is declared because an implicit rowid may be
 * renumbered by VACUUM. Localized texts, id lists and settings are JSON text. Booleans
 * are 0/1. Times are the ISO strings the caller gave; `starts_ms` is the same instant in
 * epoch milliseconds, because ISO strings of different precision do not sort as text.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE users (
    ord INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL,
    email_key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
  );

  CREATE TABLE events (
    ord INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    code TEXT NOT NULL UNIQUE,
    owner_id TEXT NOT NULL REFERENCES users (id),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    languages TEXT NOT NULL,
    default_lang TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL
  );
  CREATE INDEX events_by_owner ON events (owner_id);

  CREATE TABLE rooms (
    ord INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    position INTEGER NOT NULL,
    -- The target of sessions' (event_id, room_id) key: a session's room is one of its event's.
    UNIQUE (event_id, id)
  );
  CREATE INDEX rooms_by_event ON rooms (event_id, position);

  CREATE TABLE speakers (
    ord INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    affiliation TEXT,
    country TEXT,
    bio TEXT NOT NULL,
    photo_url TEXT
  );
  CREATE INDEX speakers_by_event ON speakers (event_id);

  CREATE TABLE sessions (
    ord INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    room_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    starts_ms INTEGER NOT NULL,
    ends_at TEXT NOT NULL,
    status TEXT NOT NULL,
    delay_minutes INTEGER NOT NULL,
    speaker_ids TEXT NOT NULL,
    qa TEXT NOT NULL,
    -- The session's change counter: +1 per change to its questions, votes or polls.
    seq INTEGER NOT NULL DEFAULT 0,
    FOREIGN KEY (event_id, room_id) REFERENCES rooms (event_id, id)
  );
  CREATE INDEX sessions_by_event ON sessions (event_id, starts_ms);
  CREATE INDEX sessions_by_room ON sessions (event_id, room_id);

  CREATE TABLE participants (
    ord INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    name TEXT,
    lang TEXT NOT NULL
  );
  CREATE INDEX participants_by_event ON participants (event_id);

  CREATE TABLE questions (
    ord INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    author_key TEXT NOT NULL,
    author_name TEXT,
    text TEXT NOT NULL,
    lang TEXT NOT NULL,
    status TEXT NOT NULL,
    votes INTEGER NOT NULL DEFAULT 0,
    pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    anonymous INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
    client_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    answered_at TEXT,
    edited_at TEXT,
    -- A retried ask (same author, same clientId) is the same question.
    UNIQUE (session_id, author_key, client_id)
  );
  CREATE INDEX questions_by_session ON questions (session_id, ord);

  CREATE TABLE question_votes (
    question_id TEXT NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    voter_key TEXT NOT NULL,
    PRIMARY KEY (question_id, voter_key)
  );
  CREATE INDEX question_votes_by_voter ON question_votes (session_id, voter_key);

  CREATE TABLE polls (
    ord INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    prompt TEXT NOT NULL,
    options TEXT NOT NULL,
    state TEXT NOT NULL,
    settings TEXT NOT NULL,
    revealed INTEGER NOT NULL DEFAULT 0 CHECK (revealed IN (0, 1)),
    created_at TEXT NOT NULL,
    opened_at TEXT,
    closes_at TEXT
  );
  CREATE INDEX polls_by_session ON polls (session_id, ord);
  `,
  // Version 2: moderation (replies, labels, the profanity filter's hold) and invite links.
  // From this version on, a change to a session's own settings bumps its seq too.
  `
  ALTER TABLE questions ADD COLUMN reply TEXT;
  -- JSON array of strings.
  ALTER TABLE questions ADD COLUMN labels TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE questions ADD COLUMN held INTEGER NOT NULL DEFAULT 0 CHECK (held IN (0, 1));

  -- The target of invites' (event_id, session_id) key: an invite's session is one of its event's.
  CREATE UNIQUE INDEX sessions_by_event_and_id ON sessions (event_id, id);

  CREATE TABLE invites (
    ord INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    -- NULL: the invite is for the whole event (a composite key with a NULL is not checked).
    session_id TEXT,
    -- Only a hash of the link's secret is kept.
    token_hash TEXT NOT NULL UNIQUE,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
    uses INTEGER NOT NULL DEFAULT 0,
    FOREIGN KEY (event_id, session_id) REFERENCES sessions (event_id, id) ON DELETE CASCADE
  );
  CREATE INDEX invites_by_event ON invites (event_id, ord);
  `,
  // Version 3: ballots and the running counts of polls (castBallot, getTallyCounts).
  `
  -- Ballots the poll holds now: the tally's total, kept up to date by castBallot instead of
  -- counted on every tally push.
  ALTER TABLE polls ADD COLUMN ballot_count INTEGER NOT NULL DEFAULT 0;
  -- Ballots stored in the poll so far, cast or changed: each ballot's place in answer order.
  ALTER TABLE polls ADD COLUMN casts INTEGER NOT NULL DEFAULT 0;
  -- listOpenPolls.
  CREATE INDEX polls_by_state ON polls (state, ord);

  -- One ballot per voter per poll. WITHOUT ROWID: the rows live in (poll_id, voter_key)
  -- order, so castBallot finds a voter's ballot with one lookup and a poll's ballots (text
  -- answers, a poll deleted or reset) are one contiguous range.
  CREATE TABLE ballots (
    poll_id TEXT NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    voter_key TEXT NOT NULL,
    -- The poll's session (a poll never moves): finds a voter's ballots in a session.
    session_id TEXT NOT NULL,
    -- NULL for an anonymous voter: kept off the quiz leaderboard.
    voter_name TEXT,
    -- JSON: the ballot as cast.
    ballot TEXT NOT NULL,
    -- JSON: the contributions it added to poll_counts, taken back exactly when it changes.
    contributions TEXT NOT NULL,
    score INTEGER NOT NULL DEFAULT 0,
    client_id TEXT NOT NULL,
    cast_at TEXT NOT NULL,
    -- polls.casts when it was stored (cast or changed): oldest first for text answers.
    ord INTEGER NOT NULL,
    PRIMARY KEY (poll_id, voter_key)
  ) WITHOUT ROWID;
  -- listBallots (a voter's ballots of a session).
  CREATE INDEX ballots_by_voter ON ballots (session_id, voter_key);

  -- The running tally: summed contribution weights per key (option id, rating value, word).
  CREATE TABLE poll_counts (
    poll_id TEXT NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    count INTEGER NOT NULL,
    -- The first label seen for the key (how a word cloud shows a word).
    label TEXT,
    PRIMARY KEY (poll_id, key)
  ) WITHOUT ROWID;

  -- The quiz leaderboard of a session, kept up to date by castBallot (and by deleting or
  -- resetting a quiz) so that reading its top is a walk down an index, however many ballots
  -- there are: a sum over every ballot would block the event loop on each tally push.
  -- Named quiz ballots only.
  CREATE TABLE quiz_scores (
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    voter_key TEXT NOT NULL,
    -- The name of the voter's latest named quiz ballot.
    name TEXT NOT NULL,
    score INTEGER NOT NULL,
    -- How many named quiz ballots the score sums: the row goes with the last of them.
    ballots INTEGER NOT NULL,
    PRIMARY KEY (session_id, voter_key)
  ) WITHOUT ROWID;
  -- quizLeaderboard: best first, ties by name.
  CREATE INDEX quiz_scores_ranked ON quiz_scores (session_id, score DESC, name, voter_key);
  `,
  // Version 4: event administration (logo, colour, defaults) and announcements.
  `
  ALTER TABLE events ADD COLUMN logo_url TEXT;
  ALTER TABLE events ADD COLUMN color TEXT;
  -- JSON EventDefaults; NULL on events made before version 4 (core fills the defaults in).
  ALTER TABLE events ADD COLUMN defaults TEXT;

  CREATE TABLE announcements (
    ord INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    at TEXT NOT NULL,
    expires_at TEXT
  );
  CREATE INDEX announcements_by_event ON announcements (event_id, ord);
  `,
  // Events: the organizer's content fallback order.
  `
  -- JSON array of languages; NULL when the organizer set none (defaultLang, then languages).
  ALTER TABLE events ADD COLUMN fallback_langs TEXT;
  `,
  // Content in several languages: a poll's own language and its translations, and
  // moderators' translations of questions.
  `
  ALTER TABLE polls ADD COLUMN lang TEXT;
  -- JSON PollTranslations ({ ar: { prompt, options } }); NULL when the poll has none.
  ALTER TABLE polls ADD COLUMN translations TEXT;
  -- JSON LocalizedText; NULL when the question has none.
  ALTER TABLE questions ADD COLUMN translations TEXT;
  `,
  // Co-organizers: the users who run an event beside its owner, and their invites by email.
  `
  -- JSON array of user ids, in the order they joined; the owner is never in it.
  ALTER TABLE events ADD COLUMN organizer_ids TEXT NOT NULL DEFAULT '[]';

  CREATE TABLE organizer_invites (
    ord INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
    accepted_by TEXT REFERENCES users (id),
    accepted_at TEXT
  );
  CREATE INDEX organizer_invites_by_event ON organizer_invites (event_id, ord);
  `,
  // The stage (DESIGN 4b) and the moderators' open-text answers wall.
  `
  -- JSON Stage; NULL for a session never directed (auto).
  ALTER TABLE sessions ADD COLUMN stage TEXT;
  -- JSON StagedAnswer[]: the texts of an answers stage as they read when put up; else NULL.
  ALTER TABLE sessions ADD COLUMN stage_answers TEXT;
  -- 1: a moderator hid this voter's open-text answer from the stage choices (kept when changed).
  ALTER TABLE ballots ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
  `,
  // The audit log, insights counters and retention settings, which earlier builds created
  // on first use outside these versions (IF NOT EXISTS: such a file already has them); and
  // no name kept on an anonymous question (earlier builds stored the asker's).
  `
  CREATE TABLE IF NOT EXISTS audit_entries (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    entry TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS audit_entries_by_event ON audit_entries (event_id, seq);

  CREATE TABLE IF NOT EXISTS insight_counts (
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (event_id, key)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS insight_members (
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    set_name TEXT NOT NULL,
    member TEXT NOT NULL,
    PRIMARY KEY (event_id, set_name, member)
  ) WITHOUT ROWID;

  CREATE TABLE IF NOT EXISTS event_retention (
    event_id TEXT PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
    days INTEGER,
    purged_at TEXT
  ) WITHOUT ROWID;

  UPDATE questions SET author_name = NULL WHERE anonymous = 1;
  `,
  // Duplicate questions (issue 20): the moderators' "possibly the same" hints and merges.
  // A merged question keeps its row and its votes (so an unmerge restores them exactly).
  `
  -- JSON array of question ids, or NULL: the session's questions this one likely duplicates.
  ALTER TABLE questions ADD COLUMN similar TEXT;
  -- The kept question's id once merged into it; NULL while the question stands on its own.
  ALTER TABLE questions ADD COLUMN merged_into TEXT;
  -- Its place in the session's merge order: the order of the kept question's variants.
  ALTER TABLE questions ADD COLUMN merged_seq INTEGER;
  -- JSON QuestionVariant[] of the questions merged into this one, or NULL for none.
  ALTER TABLE questions ADD COLUMN variants TEXT;
  CREATE INDEX questions_by_merged_into ON questions (merged_into) WHERE merged_into IS NOT NULL;
  `,
  // Invites as a team lead hands them out (issue 25.7): who a link is for, a room for a
  // screen, and who used it. No foreign key on room_id: a removed room only loses the hint.
  `
  ALTER TABLE invites ADD COLUMN room_id TEXT;
  ALTER TABLE invites ADD COLUMN invitee TEXT;
  -- JSON array of the names given on acceptance, oldest first.
  ALTER TABLE invites ADD COLUMN used_by TEXT NOT NULL DEFAULT '[]';
  `,
  // The language bridge (issue 20): the detected language of a question's text. Machine
  // translations share the translations column (JSON of { text, by, engine?, pivot? }).
  `
  -- DetectedLang ('ar'..'nl' or 'und'); NULL on questions asked before detection.
  ALTER TABLE questions ADD COLUMN detected_lang TEXT;
  `,
  // Announcements written per language (each phone reads its own).
  `
  -- JSON LocalizedText; NULL on a plain-text announcement (text alone, no language claimed).
  ALTER TABLE announcements ADD COLUMN texts TEXT;
  `,
  // Mutes (DESIGN 4b): a moderator's mute of a question's author, kept against the
  // participant (never sent to staff), lifted by deleting the row.
  `
  CREATE TABLE mutes (
    ord INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    session_id TEXT NOT NULL,
    scope TEXT NOT NULL CHECK (scope IN ('session', 'event')),
    participant_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    excerpt TEXT NOT NULL,
    created_at TEXT NOT NULL,
    until TEXT
  );
  CREATE INDEX mutes_by_event ON mutes (event_id, ord);
  `,
  // Uploaded speaker photos (issue 25): the resized bytes beside the event, the version on
  // the speaker so the agenda never reads a blob to say which photo to show.
  `
  ALTER TABLE speakers ADD COLUMN photo_version TEXT;
  CREATE TABLE speaker_photos (
    speaker_id TEXT PRIMARY KEY REFERENCES speakers (id) ON DELETE CASCADE,
    version TEXT NOT NULL,
    bytes BLOB NOT NULL
  ) WITHOUT ROWID;
  `,
  `
  -- Issue 20: machine translations of an announcement (JSON QuestionTranslations), NULL when none.
  ALTER TABLE announcements ADD COLUMN translations TEXT;
  `,
  // Session feedback (DESIGN 4b, issue 22): one rating per session per person, replaced by
  // their next give; the clientId of the give that made it answers resends.
  `
  CREATE TABLE feedback (
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    author_key TEXT NOT NULL,
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment TEXT,
    held INTEGER NOT NULL DEFAULT 0,
    client_id TEXT NOT NULL,
    given_at TEXT NOT NULL,
    PRIMARY KEY (session_id, author_key)
  ) WITHOUT ROWID;
  `,
  `
  -- Issue 20: machine translations of a question's reply (JSON QuestionTranslations), NULL when none.
  ALTER TABLE questions ADD COLUMN reply_translations TEXT;
  `,
  // Event surveys (DESIGN 4b, issue 22): a survey is read and written whole, so it is one
  // JSON body (rowid keeps the creation order); one answer per survey per person, never
  // replaced, with the clientId of the send that made it answering resends.
  `
  CREATE TABLE surveys (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    body TEXT NOT NULL
  );
  CREATE INDEX surveys_by_event ON surveys (event_id);
  CREATE TABLE survey_answers (
    survey_id TEXT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
    author_key TEXT NOT NULL,
    client_id TEXT NOT NULL,
    answers TEXT NOT NULL,
    answered_at TEXT NOT NULL,
    PRIMARY KEY (survey_id, author_key)
  ) WITHOUT ROWID;
  `,
];

/** The schema version this build writes and reads. */
export const SCHEMA_VERSION = MIGRATIONS.length;

export function schemaVersion(db: Db): number {
  const version = pragma(db, 'user_version');
  if (typeof version !== 'number') throw new Error(`PRAGMA user_version returned ${String(version)}`);
  return version;
}

/**
 * Brings the schema up to SCHEMA_VERSION and returns how many migrations it applied (0 when
 * it was current). One IMMEDIATE transaction reads the version and applies the rest, so two
 * processes opening the same new file cannot both apply a migration.
 */
export function applyMigrations(db: Db): number {
  const migrate = db.transaction((): number => {
    const from = schemaVersion(db);
    if (from > SCHEMA_VERSION) {
      // An older build would misread a newer schema: stop rather than corrupt it.
      throw new Error(`database schema is version ${from}, newer than this build's ${SCHEMA_VERSION}: upgrade Jisr`);
    }
    for (const migration of MIGRATIONS.slice(from)) db.exec(migration);
    // PRAGMA takes no bound parameters; SCHEMA_VERSION is a number of our own.
    if (from < SCHEMA_VERSION) db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
    return SCHEMA_VERSION - from;
  });
  return migrate.immediate();
}
