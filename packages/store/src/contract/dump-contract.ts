import { describe, expect, it } from 'vitest';
import type { EventDump } from '@jisr/protocol/event-dump';
import type { Poll } from '@jisr/protocol/poll';
import { dumpedAuthorKey } from '../anonymous-authors.js';
import { InvalidDump } from '../event-dump.js';
import { StoreConflict, StoreNotFound, type EventRecord, type Store } from '../store.js';
import { newBallot, newEvent, newInvite, newPoll, newQuestion, newSession, newUser, openPoll, seedSession, type StoreUnderTest } from './fixtures.js';

/** A hash standing for the new owner's password (argon2id-shaped, never verified here). */
export const IMPORTED_OWNER_HASH = '$argon2id$v=19$m=19456,t=2,p=1$aW1wb3J0$aW1wb3J0ZWQ';

export interface FullEvent {
  event: EventRecord;
  sessionIds: string[];
  polls: Poll[];
  tokenHashes: string[];
}

/**
 * An event with one of everything a dump must carry: rooms (two at one position), speakers,
 * sessions with seq, participants, questions (voted, pinned, answered with a reply and
 * labels, held, anonymous, translated, one deleted), polls of every kind (draft, open, closed;
 * changed ballots, a word cloud's labels, a quiz leaderboard; one in two languages), invites
 * (revoked, used), announcements.
 */
export async function buildFullEvent(store: Store): Promise<FullEvent> {
  const user = await store.createUser(newUser());
  const event = await store.createEvent(
    newEvent(user.id, {
      logoUrl: 'https://example.org/logo.png',
      color: '#0a7e6e',
      fallbackLangs: ['en', 'ar'],
      defaults: { qa: { open: true, moderated: true, anonymousAllowed: false }, poll: { results: 'after_close', allowChange: true, anonymous: false } },
    }),
  );
  const eventId = event.id;
  const hallA = await store.createRoom({ eventId, name: { fr: 'Salle A', ar: 'القاعة أ' }, position: 1 });
  const hallB = await store.createRoom({ eventId, name: { en: 'Room B' }, position: 0 });
  await store.createRoom({ eventId, name: { en: 'Room C' }, position: 1 });
  const amina = await store.createSpeaker({ eventId, name: 'Amina El Idrissi', affiliation: 'ULB', country: 'BE', bio: { fr: 'Chercheuse' }, photoUrl: 'https://example.org/a.jpg' });
  const karim = await store.createSpeaker({ eventId, name: 'Karim', bio: {} });
  const panel = await store.createSession(newSession(eventId, hallA.id, { speakerIds: [amina.id, karim.id] }));
  const talk = await store.createSession(
    newSession(eventId, hallB.id, { kind: 'talk', startsAt: '2026-12-05T08:00:00.000Z', endsAt: '2026-12-05T09:00:00.000Z', status: 'scheduled', qa: { open: true, moderated: true, anonymousAllowed: false } }),
  );
  await store.updateSession(talk.id, { delayMinutes: 10 });
  await store.createParticipant({ eventId, name: 'Hicham', lang: 'ar' });
  await store.createParticipant({ eventId, lang: 'fr' });

  const ask = async (sessionId: string, index: number, overrides: Parameters<typeof newQuestion>[1] = {}): Promise<string> =>
    (await store.askQuestion(newQuestion(sessionId, { clientId: `client-question-${index}`, text: `Question ${index}`, ...overrides }))).value.id;
  const q1 = await ask(panel.id, 1);
  const q2 = await ask(panel.id, 2, { anonymous: true, authorKey: 'p:pa_other' });
  const q3 = await ask(panel.id, 3, { status: 'pending', held: true });
  const q4 = await ask(talk.id, 4, { lang: 'fr' });
  const gone = await ask(panel.id, 5);
  await store.voteQuestion(q1, 'p:pa_1', true);
  await store.voteQuestion(q1, 'p:pa_2', true);
  await store.voteQuestion(q2, 'p:pa_1', true);
  await store.voteQuestion(q4, 'u:us_staff', true);
  await store.voteQuestion(q2, 'p:pa_1', false);
  await store.updateQuestion(q1, { pinned: true });
  await store.updateQuestion(q2, { status: 'answered', answeredAt: '2026-12-05T10:00:00.000Z', reply: 'Voir le rapport', labels: ['budget', 'جيل'] });
  await store.updateQuestion(q3, { text: 'Question 3, edited', editedAt: '2026-12-05T09:45:00.000Z' });
  await store.setQuestionTranslation(q4, 'ar', 'السؤال 4');
  await store.setQuestionTranslation(q4, 'en', 'Question 4, in English');
  await store.deleteQuestion(gone);
  // A merge group: q7 merged into q6, then q6 (with it) into q1; the group travels whole.
  const q6 = await ask(panel.id, 6, { lang: 'es', text: '¿Pregunta 1?', authorKey: 'p:pa_3' });
  const q7 = await ask(panel.id, 7, { lang: 'fr', text: 'Question un ?', authorKey: 'p:pa_4' });
  await store.voteQuestion(q6, 'p:pa_3', true);
  await store.voteQuestion(q7, 'p:pa_1', true);
  await store.mergeQuestion(q7, q6);
  await store.mergeQuestion(q6, q1);

  const live = { results: 'live' as const, allowChange: true, anonymous: false };
  const single = await openPoll(store, panel.id, { settings: live });
  const multiple = await openPoll(store, talk.id, { kind: 'multiple', settings: { ...live, maxChoices: 2 } });
  const rating = await openPoll(store, panel.id, { kind: 'rating', options: [], settings: { ...live, scaleMax: 5 } });
  const cloud = await openPoll(store, panel.id, { kind: 'wordcloud', options: [], settings: live });
  const text = await openPoll(store, panel.id, { kind: 'text', options: [], settings: live });
  const ranking = await openPoll(store, panel.id, { kind: 'ranking', settings: live });
  const quiz = await openPoll(store, panel.id, { kind: 'quiz', settings: { ...live, correctOption: 0, timerSeconds: 30 } });
  const quiz2 = await openPoll(store, panel.id, { kind: 'quiz', settings: { ...live, correctOption: 1 } });
  const draft = (
    await store.createPoll(newPoll(panel.id, { lang: 'fr', translations: { ar: { prompt: 'يوم ثانٍ؟', options: ['نعم', 'لا', 'لا أدري'] } } }))
  ).value;

  const cast = async (poll: Poll, voter: string, ballot: Parameters<typeof newBallot>[2], overrides: Parameters<typeof newBallot>[3] = {}): Promise<void> => {
    await store.castBallot(newBallot(poll, voter, ballot, overrides));
  };
  await cast(single, 'p:pa_1', { optionId: 'opt_oui' });
  await cast(single, 'p:pa_2', { optionId: 'opt_non' });
  await cast(single, 'p:pa_1', { optionId: 'opt_nsp' }, { clientId: 'client-changed-mind' });
  await cast(multiple, 'p:pa_1', { optionIds: ['opt_oui', 'opt_non'] });
  await cast(rating, 'p:pa_1', { value: 4 });
  await cast(rating, 'p:pa_2', { value: 5 });
  await cast(cloud, 'p:pa_1', { words: ['Couscous', 'tajine'] });
  await cast(cloud, 'p:pa_2', { words: ['TAJINE', 'Harira'] });
  await cast(cloud, 'p:pa_1', { words: ['الكسكس'] }, { clientId: 'client-other-words' });
  await cast(text, 'p:pa_1', { text: 'Plus de pauses' });
  await cast(text, 'p:pa_2', { text: 'وقت أطول للأسئلة' });
  await cast(text, 'p:pa_1', { text: 'Plus de pauses, svp' }, { clientId: 'client-edited-answer' });
  // A moderator hid pa_2's answer (place 2): the flag travels with the dump.
  await store.setTextAnswerHidden(text.id, 'a2', true);
  await cast(ranking, 'p:pa_1', { order: ['opt_non', 'opt_oui', 'opt_nsp'] });
  await cast(quiz, 'p:pa_1', { optionId: 'opt_oui' }, { voterName: 'Hicham', score: 900 });
  await cast(quiz, 'p:pa_2', { optionId: 'opt_non' }, { voterName: 'Salma', score: 0 });
  await cast(quiz, 'p:pa_3', { optionId: 'opt_oui' }, { score: 1000 });
  await cast(quiz2, 'p:pa_2', { optionId: 'opt_non' }, { voterName: 'Salma B.', score: 1000 });
  await cast(quiz2, 'p:pa_1', { optionId: 'opt_non' }, { voterName: 'Hicham', score: 1000 });
  await store.updatePoll(quiz2.id, { state: 'closed' });
  await store.updatePoll(rating.id, { state: 'closed', revealed: true });

  const inviteA = await store.createInvite(newInvite(eventId, user.id, { tokenHash: 'a'.repeat(64) }));
  const inviteB = await store.createInvite(
    newInvite(eventId, user.id, { role: 'speaker', sessionId: panel.id, tokenHash: 'b'.repeat(64), invitee: 'nadia@example.org' }),
  );
  await store.createInvite(newInvite(eventId, user.id, { role: 'screen', roomId: panel.roomId, tokenHash: 'c'.repeat(64) }));
  await store.revokeInvite(inviteA.id);
  await store.recordInviteUse(inviteB.id, 'Nadia Benali');
  await store.recordInviteUse(inviteB.id);
  await store.addAnnouncement({ eventId, text: 'Bienvenue', at: '2026-12-05T08:00:00.000Z' }, 10);
  await store.addAnnouncement({ eventId, text: 'Café à 10h', texts: { fr: 'Café à 10h', ar: 'قهوة في العاشرة' }, at: '2026-12-05T09:00:00.000Z', expiresAt: '2026-12-05T10:00:00.000Z' }, 10);

  return {
    event,
    sessionIds: [talk.id, panel.id],
    polls: [single, multiple, rating, cloud, text, ranking, quiz, quiz2, draft],
    tokenHashes: ['a', 'b', 'c'].map((letter) => letter.repeat(64)),
  };
}

/** The dump as it leaves through a file: JSON text and back. */
export function throughJson(dump: EventDump): EventDump {
  return JSON.parse(JSON.stringify(dump)) as EventDump;
}

/** The dump without the one field that differs between two exports of the same data. */
export function comparable(dump: EventDump): Omit<EventDump, 'exportedAt'> {
  const { exportedAt: _exportedAt, ...rest } = dump;
  return rest;
}

/** What the Store API shows of an event: must be the same before an export and after its import. */
export async function visibleState(store: Store, full: FullEvent, code: string): Promise<unknown> {
  const event = await store.getEventByCode(code);
  if (!event) throw new Error(`no event ${code}`);
  const perSession = await Promise.all(
    full.sessionIds.map(async (sessionId) => ({
      session: await store.getSession(sessionId),
      seq: await store.getSeq(sessionId),
      // A dump does not carry who asked an anonymous question (issue 19.11): compared without it.
      questions: (await store.listQuestions(sessionId)).map((question) => ({ ...question, authorKey: dumpedAuthorKey(question) })),
      votes: (await store.listVotes(sessionId, 'p:pa_1')).sort(),
      ballots: await store.listBallots(sessionId, 'p:pa_1'),
      polls: await store.listPolls(sessionId),
      board: await store.quizLeaderboard(sessionId, 10),
    })),
  );
  const perPoll = await Promise.all(
    full.polls.map(async (poll) => ({ tally: await store.getTallyCounts(poll.id), answers: await store.listTextAnswers(poll.id) })),
  );
  const invites = await Promise.all(full.tokenHashes.map((tokenHash) => store.getInviteByTokenHash(tokenHash)));
  return {
    event,
    rooms: await store.listRooms(event.id),
    speakers: await store.listSpeakers(event.id),
    sessions: await store.listSessions(event.id),
    perSession,
    perPoll,
    invites,
    listedInvites: await store.listInvites(event.id),
    announcements: await store.listAnnouncements(event.id),
  };
}

/** exportEvent / importEvent: lossless, ids kept, refusals clear (DESIGN.md section 5; issue 12). */
export function dumpContract(store: StoreUnderTest): void {
  describe('event export and import', () => {
    it('an export imported again (after a purge) gives the same export and the same reads', async () => {
      const full = await buildFullEvent(store());
      const before = await visibleState(store(), full, full.event.code);
      const first = await store().exportEvent(full.event.id);
      expect(first.questions.find((question) => question.pinned)?.voters).toStrictEqual(['p:pa_1', 'p:pa_2']);
      expect(first.polls.map((poll) => poll.ballots.length)).toStrictEqual([2, 1, 2, 2, 2, 1, 3, 2, 0]);
      expect(first.event.fallbackLangs).toStrictEqual(['en', 'ar']);

      await store().deleteEvent(full.event.id);
      expect(await store().getEventByCode(full.event.code)).toBeNull();
      expect(await store().getInviteByTokenHash('a'.repeat(64))).toBeNull();

      const result = await store().importEvent(throughJson(first));
      expect(result.ownerCreated).toBe(false);
      expect(result.event).toStrictEqual(full.event);
      expect(comparable(await store().exportEvent(full.event.id))).toStrictEqual(comparable(first));
      expect(await visibleState(store(), full, full.event.code)).toStrictEqual(before);
    });

    it('the imported event goes on working: retries deduplicated, votes and ballots counted once', async () => {
      const full = await buildFullEvent(store());
      const dump = await store().exportEvent(full.event.id);
      await store().deleteEvent(full.event.id);
      await store().importEvent(dump);
      const [, panelId = ''] = full.sessionIds;
      const seq = await store().getSeq(panelId);
      const retried = await store().askQuestion(newQuestion(panelId, { clientId: 'client-question-1', text: 'Question 1' }));
      expect(retried).toMatchObject({ created: false, seq });
      expect((await store().voteQuestion(retried.value.id, 'p:pa_1', true)).changed).toBe(false);
      expect((await store().askQuestion(newQuestion(panelId, { clientId: 'client-question-new' }))).seq).toBe(seq + 1);
      const [single] = full.polls;
      if (!single) throw new Error('no poll');
      const repeat = await store().castBallot(newBallot(single, 'p:pa_1', { optionId: 'opt_nsp' }, { clientId: 'client-changed-mind' }));
      expect(repeat.outcome).toBe('repeat');
      expect((await store().castBallot(newBallot(single, 'p:pa_9', { optionId: 'opt_oui' }))).outcome).toBe('cast');
      expect(await store().getTallyCounts(single.id)).toStrictEqual({ total: 3, counts: { opt_non: 1, opt_nsp: 1, opt_oui: 1 } });
      expect((await store().listOpenPolls()).map((poll) => poll.id)).toContain(single.id);
      expect((await store().updateQuestion(retried.value.id, { pinned: false }))[0]?.value.pinned).toBe(false);
    });

    it('merge groups come back: the kept question counts the group, and an unmerge after the import restores each question', async () => {
      const full = await buildFullEvent(store());
      const dump = throughJson(await store().exportEvent(full.event.id));
      const merged = dump.questions.filter((question) => question.mergedInto !== undefined);
      expect(merged.map((question) => [question.text, question.mergeOrder])).toStrictEqual([
        ['¿Pregunta 1?', 1],
        ['Question un ?', 2],
      ]);
      await store().deleteEvent(full.event.id);
      await store().importEvent(dump);
      const [, panelId = ''] = full.sessionIds;
      const listed = await store().listQuestions(panelId);
      const kept = listed.find((question) => question.text === 'Question 1');
      if (!kept) throw new Error('no kept question');
      // p:pa_1 voted for q1 and q7: counted once; p:pa_2 and p:pa_3 once each.
      expect(kept).toMatchObject({ votes: 3, variants: [{ text: '¿Pregunta 1?', lang: 'es' }, { text: 'Question un ?', lang: 'fr' }] });
      // A retried vote for a merged question after the import is still the kept one's, once.
      const french = listed.find((question) => question.text === 'Question un ?');
      expect(french?.mergedInto).toBe(kept.id);

      const [restored, regrouped] = await store().unmergeQuestion(kept.id, 1);
      expect(restored?.value).toMatchObject({ text: 'Question un ?', votes: 1 });
      expect(restored?.value.mergedInto).toBeUndefined();
      expect(regrouped?.value).toMatchObject({ id: kept.id, votes: 3, variants: [{ text: '¿Pregunta 1?', lang: 'es' }] });
      const [spanish, alone] = await store().unmergeQuestion(kept.id, 0);
      expect(spanish?.value).toMatchObject({ text: '¿Pregunta 1?', votes: 1 });
      expect(alone?.value).toMatchObject({ id: kept.id, votes: 2 });
      expect(alone?.value.variants).toBeUndefined();
      await expect(store().unmergeQuestion(kept.id, 0)).rejects.toThrow(StoreNotFound);
    });

    it('refuses, changing nothing, when the event is there, or its join code is taken unless a new code is given', async () => {
      const full = await buildFullEvent(store());
      const dump = await store().exportEvent(full.event.id);
      await expect(store().importEvent(dump)).rejects.toThrow(StoreConflict);
      await expect(store().importEvent(dump, { code: 'OTHER' })).rejects.toThrow(StoreConflict);

      await store().deleteEvent(full.event.id);
      const squatter = await store().createEvent(newEvent(full.event.ownerId, { code: full.event.code }));
      await expect(store().importEvent(dump)).rejects.toThrow(/join code .* is taken/);
      expect(await store().getEvent(full.event.id)).toBeNull();
      expect((await store().listEvents()).map((event) => event.id)).toStrictEqual([squatter.id]);

      const moved = await store().importEvent(dump, { code: 'moved26' });
      expect(moved.event).toStrictEqual({ ...full.event, code: 'MOVED26' });
      expect((await store().getEventByCode('MOVED26'))?.id).toBe(full.event.id);
      expect(await store().getInviteByTokenHash('b'.repeat(64))).toMatchObject({ uses: 2, eventId: full.event.id });
    });

    it('two imports of one dump at once: one goes in, the other is refused without harming it', async () => {
      const full = await buildFullEvent(store());
      const dump = await store().exportEvent(full.event.id);
      await store().deleteEvent(full.event.id);
      const results = await Promise.allSettled([store().importEvent(dump), store().importEvent(dump)]);
      expect(results.map((result) => result.status).sort()).toStrictEqual(['fulfilled', 'rejected']);
      const refused = results.find((result) => result.status === 'rejected');
      expect(refused?.status === 'rejected' ? refused.reason : undefined).toBeInstanceOf(StoreConflict);
      expect(comparable(await store().exportEvent(full.event.id))).toStrictEqual(comparable(dump));
    });

    it('co-organizers travel by email; one without an account here is left out', async () => {
      const full = await buildFullEvent(store());
      const karim = await store().createUser(newUser({ email: 'karim.dump@example.org', name: 'Karim' }));
      const invite = await store().createOrganizerInvite({
        eventId: full.event.id,
        email: karim.email,
        tokenHash: 'e'.repeat(64),
        createdBy: full.event.ownerId,
        createdAt: '2026-12-01T08:00:00.000Z',
        expiresAt: '2026-12-08T08:00:00.000Z',
      });
      await store().acceptOrganizerInvite(invite.id, karim.id, '2026-12-02T08:00:00.000Z');
      const dump = await store().exportEvent(full.event.id);
      expect(dump.coOrganizers).toStrictEqual([{ id: karim.id, email: karim.email, name: 'Karim', createdAt: karim.createdAt }]);
      await store().deleteEvent(full.event.id);
      expect((await store().importEvent(throughJson(dump))).event.organizerIds).toStrictEqual([karim.id]);
      await store().deleteEvent(full.event.id);
      const stranger = { ...dump, coOrganizers: [{ id: 'us_gone', email: 'gone@example.org', name: 'Gone', createdAt: karim.createdAt }] };
      expect((await store().importEvent(stranger)).event.organizerIds).toStrictEqual([]);
    });

    it('makes the owner when the target has no user with their email, only with a password hash', async () => {
      const full = await buildFullEvent(store());
      const dump = await store().exportEvent(full.event.id);
      await store().deleteEvent(full.event.id);
      const stranger = { ...dump, owner: { ...dump.owner, id: 'us_stranger', email: 'Someone.Else@example.org' } };
      await expect(store().importEvent(stranger)).rejects.toThrow(StoreNotFound);
      expect(await store().getEvent(full.event.id)).toBeNull();

      const result = await store().importEvent(stranger, { ownerPasswordHash: IMPORTED_OWNER_HASH });
      expect(result.ownerCreated).toBe(true);
      expect(result.event.ownerId).toBe('us_stranger');
      expect(await store().getUserByEmail('someone.else@example.org')).toMatchObject({
        id: 'us_stranger',
        email: 'Someone.Else@example.org',
        passwordHash: IMPORTED_OWNER_HASH,
      });
    });

    it('refuses a document that is no dump, or whose records do not fit together', async () => {
      const full = await buildFullEvent(store());
      const dump = await store().exportEvent(full.event.id);
      await store().deleteEvent(full.event.id);
      await expect(store().importEvent({ ...dump, version: 2 } as unknown as EventDump)).rejects.toThrow(InvalidDump);
      const orphan = { ...dump, questions: dump.questions.map((question) => ({ ...question, sessionId: 'se_nowhere' })) };
      await expect(store().importEvent(orphan)).rejects.toThrow(/no such session/);
      expect(await store().getEvent(full.event.id)).toBeNull();
    });

    it('an anonymous question keeps no name, even given one or imported from an older dump, and its dump links it to no one (issue 19.11)', async () => {
      const { event, session } = await seedSession(store());
      const hicham = await store().createParticipant({ eventId: event.id, name: 'Hicham', lang: 'ar' });
      const authorKey = `p:${hicham.id}`;
      const named = await store().askQuestion(newQuestion(session.id, { authorKey, authorName: 'Hicham', clientId: 'c-named' }));
      // A caller that passes the name anyway: it is not kept.
      const asked = await store().askQuestion(newQuestion(session.id, { authorKey, authorName: 'Hicham', anonymous: true, clientId: 'c-anonymous' }));
      const id = asked.value.id;
      expect(asked.value).not.toHaveProperty('authorName');
      expect(await store().getQuestion(id)).not.toHaveProperty('authorName');
      expect(named.value.authorName).toBe('Hicham');

      const dump = throughJson(await store().exportEvent(event.id));
      const dumped = dump.questions.find((question) => question.id === id);
      expect(dumped).toBeDefined();
      expect(dumped).not.toHaveProperty('authorName');
      // Its key is nobody's: not the participant named Hicham's, not that of any other record of the dump.
      expect(dumped?.authorKey).not.toBe(authorKey);
      expect(dump.participants.map((participant) => participant.id)).toContain(hicham.id);
      const keyed = JSON.stringify(dump).split(JSON.stringify(dumped?.authorKey ?? '')).length - 1;
      expect(keyed).toBe(1);
      expect(dump.questions.find((question) => question.id === named.value.id)).toMatchObject({ authorKey, authorName: 'Hicham' });

      // A dump from an older build named the author of its anonymous question: imported without the name.
      await store().deleteEvent(event.id);
      const older = { ...dump, questions: dump.questions.map((question) => (question.id === id ? { ...question, authorKey, authorName: 'Hicham' } : question)) };
      await store().importEvent(older);
      expect(await store().getQuestion(id)).not.toHaveProperty('authorName');
      expect((await store().listQuestions(session.id)).map((question) => question.authorName)).toStrictEqual(['Hicham', undefined]);
      expect((await store().exportEvent(event.id)).questions.find((question) => question.id === id)).not.toHaveProperty('authorName');
    });

    it('an unknown event has no export', async () => {
      await expect(store().exportEvent('ev_unknown')).rejects.toThrow(StoreNotFound);
    });
  });

  describe('updateUserPassword (an admin resets a password)', () => {
    it('replaces the hash, keeps the rest; an unknown user is StoreNotFound', async () => {
      const user = await store().createUser(newUser());
      const updated = await store().updateUserPassword(user.id, IMPORTED_OWNER_HASH);
      expect(updated).toStrictEqual({ ...user, passwordHash: IMPORTED_OWNER_HASH });
      expect(await store().getUserByEmail(user.email)).toStrictEqual(updated);
      await expect(store().updateUserPassword('us_unknown', IMPORTED_OWNER_HASH)).rejects.toThrow(StoreNotFound);
    });
  });
}
