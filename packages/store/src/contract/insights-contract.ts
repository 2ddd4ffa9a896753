import { emptyBatch, mergeBatch, participantJoined, questionVoted, sessionJoined } from '@jisr/core/insights';
import { describe, expect, it } from 'vitest';
import { newEvent, newUser, type StoreUnderTest } from './fixtures.js';

/** Insights counters: counted as things happen, read in one go (store insights.ts). */
export function insightsContract(store: StoreUnderTest): void {
  describe('insights counters', () => {
    const event = async (code = 'BRX2026') => {
      const owner = await store().createUser(newUser({ email: `${code}@example.org` }));
      return store().createEvent(newEvent(owner.id, { code }));
    };

    it('adds counters, keeps maxima, overwrites gauges, across batches', async () => {
      const { id } = await event();
      await store().recordInsights(id, { add: { a: 2, b: 1 }, max: { m: 5 }, set: { g: 7 }, members: [] });
      await store().recordInsights(id, { add: { a: 3, b: -1 }, max: { m: 4 }, set: { g: 2 }, members: [] });
      expect(await store().getInsights(id)).toEqual({ a: 5, b: 0, m: 5, g: 2 });
    });

    it('counts a member of a set once, whatever the batch it comes in', async () => {
      const { id } = await event();
      const at = new Date('2026-12-05T08:00:00.000Z');
      const first = mergeBatch(mergeBatch(emptyBatch(), participantJoined({ id: 'p1', lang: 'ar' }, at)), sessionJoined('s1', 'p1'));
      mergeBatch(first, sessionJoined('s1', 'p1'));
      await store().recordInsights(id, first);
      await store().recordInsights(id, mergeBatch(emptyBatch(), participantJoined({ id: 'p1', lang: 'ar' }, at)));
      await store().recordInsights(id, mergeBatch(emptyBatch(), participantJoined({ id: 'p2', lang: 'fr' }, at)));
      expect(await store().getInsights(id)).toEqual({
        joins: 3,
        'joins@2026-12-05T08:00': 3,
        participants: 2,
        'participants:ar': 1,
        'participants:fr': 1,
        's:s1:joins': 2,
        's:s1:participants': 1,
      });
    });

    it('keeps each event apart, and reads {} for an event with none or an unknown one', async () => {
      const one = await event('ONE');
      const two = await event('TWO');
      await store().recordInsights(one.id, mergeBatch(emptyBatch(), questionVoted('s1', true)));
      expect(await store().getInsights(one.id)).toEqual({ 's:s1:upvotes': 1 });
      expect(await store().getInsights(two.id)).toEqual({});
      await store().recordInsights('ev_unknown', mergeBatch(emptyBatch(), questionVoted('s1', true)));
      expect(await store().getInsights('ev_unknown')).toEqual({});
    });

    it('200 concurrent batches add up exactly (no lost increment)', async () => {
      const { id } = await event();
      await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          store().recordInsights(id, { add: { votes: 1 }, max: { peak: i }, set: {}, members: [{ set: 'x', member: `m${i % 50}`, counters: ['people'] }] }),
        ),
      );
      expect(await store().getInsights(id)).toEqual({ votes: 200, peak: 199, people: 50 });
    });

    it('goes with its event', async () => {
      const { id } = await event();
      await store().recordInsights(id, { add: { a: 1 }, max: {}, set: {}, members: [{ set: 'x', member: 'm', counters: ['c'] }] });
      await store().deleteEvent(id);
      expect(await store().getInsights(id)).toEqual({});
    });
  });
}
