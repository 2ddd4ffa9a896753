import { dumpPhoto, photoOfDump } from '../speaker-photos.js';
import { eventSpeakerPhotos, writeSpeakerPhoto } from './speaker-photos.js';
import type { DumpBallot, DumpPoll, DumpQuestion, DumpQuizScore, EventDump } from '@jisr/protocol/event-dump';
import { byText, checkDump, EVENT_DUMP_FORMAT, EVENT_DUMP_VERSION, ownerPasswordHash, rankMerges, sortedRecord, type ImportOptions, type ImportResult } from '../event-dump.js';
import { dumpedAuthorKey, storedAuthorName } from '../anonymous-authors.js';
import { newId } from '../ids.js';
import { emailKey } from '../normalize.js';
import { StoreConflict, StoreNotFound } from '../store.js';
import {
  toAnnouncement,
  toBallot,
  toContributions,
  toEvent,
  toFlag,
  toInvite,
  toJson,
  toParticipant,
  fromPoll,
  fromSession,
  toPoll,
  toQuestion,
  toRoom,
  toSession,
  toSpeaker,
  toUser,
  type AnnouncementRow,
  type BallotRow,
  type EventRow,
  type InviteRow,
  type ParticipantRow,
  type PollRow,
  type QuestionRow,
  type RoomRow,
  type SessionRow,
  type SpeakerRow,
  type UserRow,
} from './rows.js';
import { withConstraints, type Sql } from './sql.js';
import * as surveys from './surveys.js';
import { dumpSurvey, surveyOfDump } from '../surveys.js';
import type { DumpSurvey } from '@jisr/protocol/event-dump';

/** A dumped survey and its answers, written as surveys.ts writes them. */
function importSurvey(sql: Sql, dumped: DumpSurvey): void {
  const survey = surveyOfDump(dumped);
  sql.insert('surveys', { id: survey.id, event_id: survey.eventId, body: JSON.stringify(survey) });
  for (const answer of dumped.answers) {
    sql.insert('survey_answers', { survey_id: survey.id, author_key: answer.authorKey, client_id: answer.clientId, answers: JSON.stringify(answer.answers), answered_at: answer.answeredAt });
  }
}

/** exportEvent / importEvent for the SQLite store: rows read and written directly, in one transaction each. */

type SeqRow = SessionRow & { seq: number };

export function exportEvent(sql: Sql, id: string, now: string): EventDump {
  // One deferred (read) transaction: a consistent snapshot without taking the write lock.
  return sql.db.transaction((): EventDump => {
    const eventRow = sql.one<EventRow>('SELECT * FROM events WHERE id = :id', { id });
    if (!eventRow) throw new StoreNotFound(`no event ${id}`);
    const { ownerId, organizerIds, ...event } = toEvent(eventRow);
    const ownerRow = sql.one<UserRow>('SELECT * FROM users WHERE id = :ownerId', { ownerId });
    if (!ownerRow) throw new StoreNotFound(`no user ${ownerId} (the owner of event ${id})`);
    const owner = toUser(ownerRow);
    const params = { id };
    const inEvent = (table: string): string => `SELECT * FROM ${table} WHERE event_id = :id ORDER BY ord`;
    const sessionRows = sql.all<SeqRow>(inEvent('sessions'), params);
    return {
      format: EVENT_DUMP_FORMAT,
      version: EVENT_DUMP_VERSION,
      exportedAt: now,
      owner: { id: owner.id, email: owner.email, name: owner.name, createdAt: owner.createdAt },
      coOrganizers: organizerIds.flatMap((userId) => {
        const row = sql.one<UserRow>('SELECT * FROM users WHERE id = :userId', { userId });
        return row ? [{ id: row.id, email: row.email, name: row.name, createdAt: row.created_at }] : [];
      }),
      event,
      rooms: sql.all<RoomRow>(inEvent('rooms'), params).map(toRoom),
      speakers: sql.all<SpeakerRow>(inEvent('speakers'), params).map(toSpeaker),
      speakerPhotos: eventSpeakerPhotos(sql, id).map(({ speakerId, photo }) => dumpPhoto(speakerId, photo)),
      sessions: sessionRows.map((row) => ({ ...toSession(row), seq: row.seq })),
      participants: sql
        .all<ParticipantRow>('SELECT * FROM participants WHERE event_id = :id', params)
        .map(toParticipant)
        .sort((a, b) => byText(a.id, b.id)),
      questions: exportQuestions(sql, id),
      polls: exportPolls(sql, id),
      quizScores: exportQuizScores(sql, id),
      invites: sql.all<InviteRow>(inEvent('invites'), params).map(toInvite),
      announcements: sql.all<AnnouncementRow>(inEvent('announcements'), params).map(toAnnouncement),
      surveys: surveys.listSurveys(sql, id).map((survey) => dumpSurvey(survey, surveys.listSurveyAnswers(sql, id, survey.id))),
    };
  }).deferred();
}

function exportQuestions(sql: Sql, eventId: string): DumpQuestion[] {
  const rows = sql.all<QuestionRow>(
    'SELECT q.* FROM questions q JOIN sessions s ON s.id = q.session_id WHERE s.event_id = :eventId ORDER BY q.ord',
    { eventId },
  );
  return rankMerges(rows.map((row) => {
    const voters = sql.all<{ voter_key: string }>('SELECT voter_key FROM question_votes WHERE question_id = :id', { id: row.id });
    const { mergedInto, ...question } = toQuestion(row);
    return {
      ...question,
      authorKey: dumpedAuthorKey(question),
      voters: voters.map((vote) => vote.voter_key).sort(byText),
      ...(mergedInto === undefined ? {} : { mergedInto, mergeOrder: row.merged_seq ?? 0 }),
    };
  }));
}

function exportPolls(sql: Sql, eventId: string): DumpPoll[] {
  const rows = sql.all<PollRow>('SELECT p.* FROM polls p JOIN sessions s ON s.id = p.session_id WHERE s.event_id = :eventId ORDER BY p.ord', {
    eventId,
  });
  return rows.map((row) => {
    const counts = sql.all<{ key: string; count: number; label: string | null }>('SELECT key, count, label FROM poll_counts WHERE poll_id = :id', {
      id: row.id,
    });
    const ballots = sql.all<BallotRow>('SELECT * FROM ballots WHERE poll_id = :id ORDER BY ord', { id: row.id }).map(
      (ballot): DumpBallot => ({
        voterKey: ballot.voter_key,
        ...(ballot.voter_name === null ? {} : { voterName: ballot.voter_name }),
        ballot: toBallot(ballot.ballot),
        // Labels stay out: the Redis store keeps them per poll only (`labels` below).
        contributions: toContributions(ballot.contributions).map(({ key, weight }) => ({ key, weight })),
        score: ballot.score,
        clientId: ballot.client_id,
        castAt: ballot.cast_at,
        place: ballot.ord,
        ...(ballot.hidden === 1 ? { hidden: true } : {}),
      }),
    );
    return {
      ...toPoll(row),
      casts: row.casts,
      counts: sortedRecord(counts.map((count) => [count.key, count.count])),
      labels: sortedRecord(counts.flatMap((count): [string, string][] => (count.label === null ? [] : [[count.key, count.label]]))),
      ballots,
    };
  });
}

function exportQuizScores(sql: Sql, eventId: string): DumpQuizScore[] {
  const rows = sql.all<{ session_id: string; voter_key: string; name: string; score: number; ballots: number }>(
    'SELECT q.* FROM quiz_scores q JOIN sessions s ON s.id = q.session_id WHERE s.event_id = :eventId',
    { eventId },
  );
  return rows
    .map((row) => ({ sessionId: row.session_id, voterKey: row.voter_key, name: row.name, score: row.score, ballots: row.ballots }))
    .sort((a, b) => byText(a.sessionId, b.sessionId) || byText(a.voterKey, b.voterKey));
}

/**
 * One IMMEDIATE transaction: checks, then every row in creation order (so `ord` keeps the
 * dump's order). Any failure rolls the whole import back.
 */
export function importEvent(sql: Sql, input: EventDump, options: ImportOptions = {}): ImportResult {
  const { dump, code } = checkDump(input, options);
  return sql.transaction((): ImportResult => {
    const eventId = dump.event.id;
    if (sql.one('SELECT 1 AS x FROM events WHERE id = :eventId', { eventId })) throw new StoreConflict(`event ${eventId} exists here already`);
    if (sql.one('SELECT 1 AS x FROM events WHERE code = :code', { code })) throw new StoreConflict(`join code ${code} is taken: give another one`);
    for (const invite of dump.invites) {
      if (sql.one('SELECT 1 AS x FROM invites WHERE token_hash = :tokenHash', { tokenHash: invite.tokenHash })) {
        throw new StoreConflict(`invite ${invite.id}'s token is another invite's here`);
      }
    }
    const { ownerId, ownerCreated } = importOwner(sql, dump, options);
    const conflict = 'an id in the dump is taken here already';
    withConstraints({ conflict }, () => {
      const { event } = dump;
      sql.insert('events', {
        id: event.id,
        code,
        owner_id: ownerId,
        title: toJson(event.title),
        description: toJson(event.description),
        time_zone: event.timeZone,
        languages: toJson(event.languages),
        default_lang: event.defaultLang,
        start_date: event.startDate,
        end_date: event.endDate,
        logo_url: event.logoUrl ?? null,
        color: event.color ?? null,
        defaults: event.defaults === undefined ? null : toJson(event.defaults),
        fallback_langs: event.fallbackLangs === undefined ? null : toJson(event.fallbackLangs),
        organizer_ids: toJson(coOrganizerIds(sql, dump, ownerId)),
      });
      importAgenda(sql, dump);
      importQuestions(sql, dump);
      importPolls(sql, dump);
      importInvitesAndAnnouncements(sql, dump);
      for (const survey of dump.surveys) importSurvey(sql, survey);
    });
    const row = sql.one<EventRow>('SELECT * FROM events WHERE id = :eventId', { eventId });
    if (!row) throw new Error(`event ${eventId} vanished inside its own import`);
    return { event: toEvent(row), ownerCreated };
  });
}

/** The owner's account here: the user with the dump owner's email, else a new one (with the dump's id when free). */
/** The dump's co-organizers who have an account here (by email), never the owner, each once. */
function coOrganizerIds(sql: Sql, dump: EventDump, ownerId: string): string[] {
  const ids = dump.coOrganizers.flatMap((person) => sql.one<UserRow>('SELECT * FROM users WHERE email_key = :key', { key: emailKey(person.email) })?.id ?? []);
  return [...new Set(ids)].filter((id) => id !== ownerId);
}

function importOwner(sql: Sql, dump: EventDump, options: ImportOptions): { ownerId: string; ownerCreated: boolean } {
  const existing = sql.one<UserRow>('SELECT * FROM users WHERE email_key = :key', { key: emailKey(dump.owner.email) });
  if (existing) return { ownerId: existing.id, ownerCreated: false };
  const idTaken = sql.one('SELECT 1 AS x FROM users WHERE id = :id', { id: dump.owner.id });
  const id = idTaken ? newId('user') : dump.owner.id;
  sql.insert('users', {
    id,
    email: dump.owner.email,
    email_key: emailKey(dump.owner.email),
    name: dump.owner.name,
    password_hash: ownerPasswordHash(dump, options),
    created_at: dump.owner.createdAt,
  });
  return { ownerId: id, ownerCreated: true };
}

function importAgenda(sql: Sql, dump: EventDump): void {
  for (const room of dump.rooms) {
    sql.insert('rooms', { id: room.id, event_id: room.eventId, name: toJson(room.name), position: room.position });
  }
  for (const speaker of dump.speakers) {
    sql.insert('speakers', {
      id: speaker.id,
      event_id: speaker.eventId,
      name: speaker.name,
      affiliation: speaker.affiliation ?? null,
      country: speaker.country ?? null,
      bio: toJson(speaker.bio),
      photo_url: speaker.photoUrl ?? null,
      photo_version: null,
    });
  }
  for (const entry of dump.speakerPhotos) writeSpeakerPhoto(sql, dump.event.id, entry.speakerId, photoOfDump(entry));
  for (const session of dump.sessions) sql.insert('sessions', { ...fromSession(session), seq: session.seq });
  for (const participant of dump.participants) {
    sql.insert('participants', { id: participant.id, event_id: participant.eventId, name: participant.name ?? null, lang: participant.lang });
  }
}

function importQuestions(sql: Sql, dump: EventDump): void {
  for (const question of dump.questions) {
    sql.insert('questions', {
      id: question.id,
      session_id: question.sessionId,
      author_key: question.authorKey,
      // A dump of an older build may name an anonymous question's author: not kept.
      author_name: storedAuthorName(question) ?? null,
      text: question.text,
      lang: question.lang,
      status: question.status,
      votes: question.votes,
      pinned: toFlag(question.pinned),
      anonymous: toFlag(question.anonymous),
      client_id: question.clientId,
      created_at: question.createdAt,
      answered_at: question.answeredAt ?? null,
      edited_at: question.editedAt ?? null,
      reply: question.reply ?? null,
      reply_translations: question.replyTranslations === undefined ? null : toJson(question.replyTranslations),
      labels: toJson(question.labels),
      held: toFlag(question.held ?? false),
      translations: question.translations === undefined ? null : toJson(question.translations),
      detected_lang: question.detectedLang ?? null,
      // A merge group as it was: the kept question's variants, each merged one pointing at it in its order.
      variants: question.variants && question.variants.length > 0 ? toJson(question.variants) : null,
      merged_into: question.mergedInto ?? null,
      merged_seq: question.mergedInto === undefined ? null : (question.mergeOrder ?? 0),
    });
    for (const voterKey of question.voters) {
      sql.insert('question_votes', { question_id: question.id, session_id: question.sessionId, voter_key: voterKey });
    }
  }
}

function importPolls(sql: Sql, dump: EventDump): void {
  for (const poll of dump.polls) {
    sql.insert('polls', fromPoll(poll, { ballot_count: poll.ballots.length, casts: poll.casts }));
    for (const ballot of poll.ballots) {
      sql.insert('ballots', {
        poll_id: poll.id,
        voter_key: ballot.voterKey,
        session_id: poll.sessionId,
        voter_name: ballot.voterName ?? null,
        ballot: toJson(ballot.ballot),
        contributions: toJson(ballot.contributions),
        score: ballot.score,
        client_id: ballot.clientId,
        cast_at: ballot.castAt,
        ord: ballot.place,
        hidden: ballot.hidden ? 1 : 0,
      });
    }
    const keys = new Set([...Object.keys(poll.counts), ...Object.keys(poll.labels)]);
    for (const key of keys) {
      sql.insert('poll_counts', { poll_id: poll.id, key, count: poll.counts[key] ?? 0, label: poll.labels[key] ?? null });
    }
  }
  for (const line of dump.quizScores) {
    sql.insert('quiz_scores', { session_id: line.sessionId, voter_key: line.voterKey, name: line.name, score: line.score, ballots: line.ballots });
  }
}

function importInvitesAndAnnouncements(sql: Sql, dump: EventDump): void {
  for (const invite of dump.invites) {
    sql.insert('invites', {
      id: invite.id,
      event_id: invite.eventId,
      role: invite.role,
      session_id: invite.sessionId ?? null,
      room_id: invite.roomId ?? null,
      invitee: invite.invitee ?? null,
      used_by: JSON.stringify(invite.usedBy),
      token_hash: invite.tokenHash,
      created_by: invite.createdBy,
      created_at: invite.createdAt,
      expires_at: invite.expiresAt,
      revoked: toFlag(invite.revoked),
      uses: invite.uses,
    });
  }
  for (const announcement of dump.announcements) {
    sql.insert('announcements', {
      id: announcement.id,
      event_id: announcement.eventId,
      text: announcement.text,
      texts: announcement.texts ? JSON.stringify(announcement.texts) : null,
      translations: announcement.translations ? JSON.stringify(announcement.translations) : null,
      at: announcement.at,
      expires_at: announcement.expiresAt ?? null,
    });
  }
}
