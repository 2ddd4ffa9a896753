import type { PollTranslation, PollTranslations } from '@jisr/protocol/poll';
import { describe, expect, it } from 'vitest';
import { StoreConflict, StoreNotFound, type PollChange, type Store } from '../store.js';
import { ID_PATTERN, newBallot, newEvent, newPoll, newSession, openPoll, seedSession, type StoreUnderTest } from './fixtures.js';

const OPENED_AT = '2026-12-05T09:55:00.000Z';
const CLOSES_AT = '2026-12-05T09:56:00.000Z';

/** Everything a poll's ballots leave behind, as the store reports it. */
async function ballotsLeft(store: Store, sessionId: string, pollId: string, voterKey: string) {
  return {
    tally: await store.getTallyCounts(pollId),
    ballots: await store.listBallots(sessionId, voterKey),
    answers: await store.listTextAnswers(pollId),
  };
}

const NOTHING_LEFT = { tally: { total: 0, counts: {} }, ballots: {}, answers: [] };

/** Polls themselves: creating, reading, changing under a guard, deleting and resetting. */
export function pollContract(store: StoreUnderTest): void {
  describe('createPoll', () => {
    it('stores the poll as given with a new id, bumps seq and returns { value, seq }', async () => {
      const { session } = await seedSession(store());
      const input = newPoll(session.id);
      const created = await store().createPoll(input);
      expect(created).toStrictEqual({ value: { id: expect.stringMatching(ID_PATTERN), ...input }, seq: 1 });
      // openedAt and closesAt are absent, not undefined; so are the settings left out.
      expect(created.value).not.toHaveProperty('openedAt');
      expect(created.value).not.toHaveProperty('closesAt');
      expect(created.value.settings).toStrictEqual({ results: 'live', allowChange: false, anonymous: true });
      expect(await store().getPoll(created.value.id)).toStrictEqual(created.value);
      expect(await store().listPolls(session.id)).toStrictEqual([created.value]);
      expect(await store().getSeq(session.id)).toBe(1);
    });

    it('keeps every field: optional settings, times, revealed, Arabic text', async () => {
      const { session } = await seedSession(store());
      const input = newPoll(session.id, {
        kind: 'multiple',
        prompt: 'ما هي أولوياتكم؟ Vos priorités ?',
        options: [
          { id: 'opt_edu', label: 'التعليم' },
          { id: 'opt_sante', label: 'Santé' },
          { id: 'opt_emploi', label: 'Emploi "des jeunes"' },
        ],
        state: 'open',
        settings: { results: 'hidden', allowChange: true, anonymous: false, maxChoices: 2, timerSeconds: 60 },
        revealed: true,
        openedAt: OPENED_AT,
        closesAt: CLOSES_AT,
      });
      const { value } = await store().createPoll(input);
      expect(value).toStrictEqual({ id: value.id, ...input });
      expect(await store().getPoll(value.id)).toStrictEqual(value);
    });

    it('fails with StoreNotFound for an unknown session and stores nothing', async () => {
      await seedSession(store());
      await expect(store().createPoll(newPoll('se_missing'))).rejects.toBeInstanceOf(StoreNotFound);
      expect(await store().listPolls('se_missing')).toStrictEqual([]);
      expect(await store().listOpenPolls()).toStrictEqual([]);
    });

    it('shares the seq with the session\'s questions and settings', async () => {
      const { session } = await seedSession(store());
      await store().updateSession(session.id, { status: 'live' });
      expect((await store().createPoll(newPoll(session.id))).seq).toBe(2);
      expect(await store().getSeq(session.id)).toBe(2);
    });
  });

  describe('getPoll and listPolls', () => {
    it('getPoll of an unknown id is null', async () => {
      expect(await store().getPoll('po_missing')).toBeNull();
    });

    it('lists a session\'s polls in creation order (not by createdAt), and only its own', async () => {
      const { event, room, session } = await seedSession(store());
      const other = await store().createSession(newSession(event.id, room.id));
      const times = ['2026-12-05T09:59:00.000Z', '2026-12-05T09:51:00Z', '2026-12-05T09:58:00.5Z'];
      const created = [];
      for (const [index, createdAt] of times.entries()) {
        created.push((await store().createPoll(newPoll(session.id, { createdAt, prompt: `Poll ${index}` }))).value);
        await store().createPoll(newPoll(other.id, { createdAt }));
      }
      expect(await store().listPolls(session.id)).toStrictEqual(created);
      expect(await store().listPolls(other.id)).toHaveLength(3);
      expect(await store().listPolls('se_missing')).toStrictEqual([]);
    });
  });

  describe('updatePoll', () => {
    it('applies only the fields given, bumps seq once and returns { value, seq }', async () => {
      const { session } = await seedSession(store());
      const { value: poll } = await store().createPoll(newPoll(session.id));
      const change = { state: 'open', openedAt: OPENED_AT, closesAt: CLOSES_AT } as const;
      const opened = await store().updatePoll(poll.id, change);
      expect(opened).toStrictEqual({ value: { ...poll, ...change }, seq: 2 });
      expect(await store().getPoll(poll.id)).toStrictEqual(opened.value);

      const closed = await store().updatePoll(poll.id, { state: 'closed' });
      expect(closed).toStrictEqual({ value: { ...opened.value, state: 'closed' }, seq: 3 });
      const revealed = await store().updatePoll(poll.id, { revealed: true });
      expect(revealed.value).toStrictEqual({ ...closed.value, revealed: true });
      expect(await store().listPolls(session.id)).toStrictEqual([revealed.value]);
      expect(await store().getSeq(session.id)).toBe(4);
    });

    it('with a texts guard, applies only while prompt, options and translations are as read (issue 20: machine drafts)', async () => {
      const { session } = await seedSession(store());
      const machine: PollTranslation = { prompt: '¿Una segunda jornada?', options: ['Sí', 'No', 'No sé'], by: 'machine', engine: 'apertium' };
      const { value: read } = await store().createPoll(newPoll(session.id, { translations: { ar: { prompt: 'يوم ثانٍ؟', options: ['نعم', 'لا', 'لا أدري'], by: 'human' } } }));
      // As read: the machine's Spanish lands beside the moderator's Arabic, whatever order its keys came in.
      const { value: translated } = await store().updatePoll(
        read.id,
        { translations: { ...read.translations, es: machine } },
        { states: ['draft'], texts: { prompt: read.prompt, options: read.options, translations: read.translations } },
      );
      expect(translated.translations?.es).toStrictEqual(machine);
      const reordered: PollTranslations = { es: { engine: 'apertium', by: 'machine', options: ['Sí', 'No', 'No sé'], prompt: '¿Una segunda jornada?' }, ar: read.translations?.ar };
      const again = await store().updatePoll(read.id, {}, { texts: { prompt: translated.prompt, options: translated.options, translations: reordered } });
      expect(again.value).toStrictEqual(translated);
      // The moderator changed the prompt or a translation meanwhile: nothing changes.
      const seq = await store().getSeq(session.id);
      await store().updatePoll(read.id, { prompt: 'Où, finalement ?' });
      const stale = store().updatePoll(read.id, { translations: { es: machine } }, { texts: { prompt: translated.prompt, options: translated.options, translations: translated.translations } });
      await expect(stale).rejects.toBeInstanceOf(StoreConflict);
      const fresh = await store().getPoll(read.id);
      expect(fresh?.translations).toStrictEqual(translated.translations);
      await expect(store().updatePoll(read.id, { translations: {} }, { texts: { prompt: 'Où, finalement ?', options: read.options, translations: undefined } })).rejects.toBeInstanceOf(
        StoreConflict,
      );
      expect(await store().getSeq(session.id)).toBe(seq + 1);
    });

    it('replaces prompt, options and settings whole', async () => {
      const { session } = await seedSession(store());
      const { value: poll } = await store().createPoll(
        newPoll(session.id, { settings: { results: 'live', allowChange: false, anonymous: true, timerSeconds: 30 } }),
      );
      const change: PollChange = {
        prompt: 'Quelle ville pour 2027 ?',
        options: [
          { id: 'opt_rabat', label: 'الرباط' },
          { id: 'opt_madrid', label: 'Madrid' },
        ],
        settings: { results: 'after_close', allowChange: true, anonymous: false },
      };
      const { value } = await store().updatePoll(poll.id, change);
      expect(value).toStrictEqual({ ...poll, ...change });
      expect(value.settings).not.toHaveProperty('timerSeconds');
      expect(await store().getPoll(poll.id)).toStrictEqual(value);
    });

    it('null clears openedAt and closesAt: the keys are absent again, not undefined', async () => {
      const { session } = await seedSession(store());
      const { value: poll } = await store().createPoll(newPoll(session.id));
      await store().updatePoll(poll.id, { state: 'open', openedAt: OPENED_AT, closesAt: CLOSES_AT });
      const { value, seq } = await store().updatePoll(poll.id, { state: 'draft', openedAt: null, closesAt: null });
      expect(value).toStrictEqual(poll);
      expect(value).not.toHaveProperty('openedAt');
      expect(value).not.toHaveProperty('closesAt');
      expect(seq).toBe(3);
      expect(await store().getPoll(poll.id)).toStrictEqual(poll);
    });

    it('fields given as undefined are left out, and {} still counts as a change (seq + 1)', async () => {
      const { session } = await seedSession(store());
      const poll = await openPoll(store(), session.id, { closesAt: CLOSES_AT });
      const { value, seq } = await store().updatePoll(poll.id, { state: undefined, closesAt: undefined });
      expect(value).toStrictEqual(poll);
      expect(seq).toBe(2);
      expect((await store().updatePoll(poll.id, {})).seq).toBe(3);
    });

    it('applies the change when the guard holds', async () => {
      const { session } = await seedSession(store());
      const { value: poll } = await store().createPoll(newPoll(session.id));
      const { value } = await store().updatePoll(poll.id, { state: 'open' }, { states: ['draft', 'closed'] });
      expect(value.state).toBe('open');
    });

    it('fails with StoreConflict when the poll is not in a guarded state: nothing changes, seq stays', async () => {
      const { session } = await seedSession(store());
      const poll = await openPoll(store(), session.id);
      const seq = await store().getSeq(session.id);
      const change = { state: 'open', prompt: 'Changed', openedAt: '2026-12-05T10:30:00.000Z' } as const;
      await expect(store().updatePoll(poll.id, change, { states: ['draft'] })).rejects.toBeInstanceOf(StoreConflict);
      await expect(store().updatePoll(poll.id, change, { states: [] })).rejects.toBeInstanceOf(StoreConflict);
      expect(await store().getPoll(poll.id)).toStrictEqual(poll);
      expect(await store().getSeq(session.id)).toBe(seq);
    });

    it('fails with StoreNotFound for an unknown poll', async () => {
      const { session } = await seedSession(store());
      await expect(store().updatePoll('po_missing', { state: 'open' })).rejects.toBeInstanceOf(StoreNotFound);
      expect(await store().getSeq(session.id)).toBe(0);
    });
  });

  describe('deletePoll', () => {
    it('removes the poll with its ballots and counts, bumps seq and returns the poll as it was', async () => {
      const { session } = await seedSession(store());
      const poll = await openPoll(store(), session.id, { kind: 'text', options: [] });
      const kept = await openPoll(store(), session.id);
      await store().castBallot(newBallot(poll, 'p:pa_1', { text: 'Plus de temps pour les questions' }));
      await store().castBallot(newBallot(kept, 'p:pa_1', { optionId: 'opt_oui' }));
      const seq = await store().getSeq(session.id);

      expect(await store().deletePoll(poll.id)).toStrictEqual({ value: poll, seq: seq + 1 });
      expect(await store().getPoll(poll.id)).toBeNull();
      expect(await store().listPolls(session.id)).toStrictEqual([kept]);
      expect(await ballotsLeft(store(), session.id, poll.id, 'p:pa_1')).toStrictEqual({
        ...NOTHING_LEFT,
        ballots: { [kept.id]: { optionId: 'opt_oui' } },
      });
      // The other poll of the session keeps its ballot and counts.
      expect(await store().getTallyCounts(kept.id)).toStrictEqual({ total: 1, counts: { opt_oui: 1 } });
      await expect(store().castBallot(newBallot(poll, 'p:pa_2', { text: 'Encore' }))).rejects.toBeInstanceOf(StoreNotFound);
    });

    it('fails with StoreNotFound for an unknown poll', async () => {
      await expect(store().deletePoll('po_missing')).rejects.toBeInstanceOf(StoreNotFound);
    });
  });

  describe('resetPoll', () => {
    it('removes every ballot and count and sets the poll back to an unrevealed draft; bumps seq', async () => {
      const { session } = await seedSession(store());
      const poll = await openPoll(store(), session.id, { revealed: true, closesAt: CLOSES_AT });
      const first = newBallot(poll, 'p:pa_1', { optionId: 'opt_non' });
      await store().castBallot(first);
      await store().castBallot(newBallot(poll, 'p:pa_2', { optionId: 'opt_oui' }));
      const seq = await store().getSeq(session.id);

      const { openedAt: _opened, closesAt: _closes, ...rest } = poll;
      const reset = await store().resetPoll(poll.id);
      expect(reset).toStrictEqual({ value: { ...rest, state: 'draft', revealed: false }, seq: seq + 1 });
      expect(reset.value).not.toHaveProperty('openedAt');
      expect(reset.value).not.toHaveProperty('closesAt');
      expect(await store().getPoll(poll.id)).toStrictEqual(reset.value);
      expect(await ballotsLeft(store(), session.id, poll.id, 'p:pa_1')).toStrictEqual(NOTHING_LEFT);

      // Opened again, the same voter (even retrying the same clientId) casts a first ballot.
      await store().updatePoll(poll.id, { state: 'open' });
      expect(await store().castBallot(first)).toStrictEqual({ outcome: 'cast', ballot: first.ballot });
      expect(await store().getTallyCounts(poll.id)).toStrictEqual({ total: 1, counts: { opt_non: 1 } });
    });

    it('fails with StoreNotFound for an unknown poll', async () => {
      await expect(store().resetPoll('po_missing')).rejects.toBeInstanceOf(StoreNotFound);
    });
  });

  describe('listOpenPolls', () => {
    it('lists the open polls of every event in creation order, and follows their state', async () => {
      const { user, session } = await seedSession(store());
      const otherEvent = await store().createEvent(newEvent(user.id, { code: 'RBT2027' }));
      const otherRoom = await store().createRoom({ eventId: otherEvent.id, name: { fr: 'Salle B' }, position: 0 });
      const otherSession = await store().createSession(newSession(otherEvent.id, otherRoom.id));

      const first = await openPoll(store(), session.id, { closesAt: CLOSES_AT });
      await store().createPoll(newPoll(session.id));
      const second = await openPoll(store(), otherSession.id);
      await openPoll(store(), session.id, { state: 'closed' });
      expect(await store().listOpenPolls()).toStrictEqual([first, second]);

      const { value: third } = await store().updatePoll((await store().listPolls(session.id))[1]?.id ?? '', { state: 'open' });
      await store().updatePoll(first.id, { state: 'closed' });
      expect(await store().listOpenPolls()).toStrictEqual([third, second]);
    });

    it('is empty when no poll is open', async () => {
      const { session } = await seedSession(store());
      await store().createPoll(newPoll(session.id));
      expect(await store().listOpenPolls()).toStrictEqual([]);
    });
  });
}
