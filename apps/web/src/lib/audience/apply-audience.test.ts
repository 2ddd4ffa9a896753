import type { Mute } from '@jisr/protocol/audience';
import { describe, expect, it } from 'vitest';
import type { QaState } from '$lib/realtime/apply-change.js';
import { applyBurst, applyMuteChange, currentMutes } from './apply-audience.js';

const state = { seq: 3 } as unknown as QaState;

function mute(id: string, createdAt: string, until?: string): Mute {
  return { id, eventId: 'e1', sessionId: 's1', scope: 'session', questionId: `q-${id}`, excerpt: 'Why…', createdAt, ...(until ? { until } : {}) };
}

describe('applyBurst', () => {
  it('adds a burst to the running count by kind, from nothing too', () => {
    const once = applyBurst(state, { clap: 3 });
    expect(once.reactions).toEqual({ clap: 3 });
    expect(applyBurst(once, { clap: 2, up: 1 }).reactions).toEqual({ clap: 5, up: 1 });
    // The state before is left as it was (the runes class swaps whole values).
    expect(once.reactions).toEqual({ clap: 3 });
  });
});

describe('applyMuteChange', () => {
  it('keeps one row per mute, oldest first, and drops a lifted one', () => {
    const b = mute('b', '2026-12-06T10:05:00.000Z');
    const a = mute('a', '2026-12-06T10:00:00.000Z');
    let next = applyMuteChange(state, b, false);
    next = applyMuteChange(next, a, false);
    // The ack and the broadcast of the same mute: still one row.
    next = applyMuteChange(next, a, false);
    expect(next.mutes?.map((m) => m.id)).toEqual(['a', 'b']);
    expect(applyMuteChange(next, a, true).mutes?.map((m) => m.id)).toEqual(['b']);
  });
});

describe('currentMutes', () => {
  it('leaves out a timed mute once its time is up', () => {
    const now = new Date('2026-12-06T10:30:00.000Z');
    const mutes = [mute('open', '2026-12-06T10:00:00.000Z'), mute('over', '2026-12-06T10:00:00.000Z', '2026-12-06T10:10:00.000Z'), mute('left', '2026-12-06T10:00:00.000Z', '2026-12-06T11:00:00.000Z')];
    expect(currentMutes(mutes, now).map((m) => m.id)).toEqual(['open', 'left']);
  });
});
