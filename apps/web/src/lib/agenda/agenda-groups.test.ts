import { describe, expect, it } from 'vitest';
import { groupSessions, isAgendaView } from './agenda-groups.js';
import { testSession } from './test-sessions.js';

const a = testSession({ id: 'a', roomId: 'r_2', kind: 'panel' });
const b = testSession({ id: 'b', roomId: 'r_1', kind: 'talk' });
const c = testSession({ id: 'c', roomId: 'r_2', kind: 'talk' });
const order = new Map([
  ['r_1', 0],
  ['r_2', 1],
]);

describe('groupSessions', () => {
  it('groups by room in the venue’s order, keeping time order inside', () => {
    expect(groupSessions([a, b, c], 'room', order).map((group) => [group.by === 'room' && group.roomId, group.sessions.map((s) => s.id)])).toEqual([
      ['r_1', ['b']],
      ['r_2', ['a', 'c']],
    ]);
  });

  it('groups by kind in the protocol’s order and leaves empty kinds out', () => {
    expect(groupSessions([a, b, c], 'kind', order).map((group) => [group.by === 'kind' && group.kind, group.sessions.map((s) => s.id)])).toEqual([
      ['talk', ['b', 'c']],
      ['panel', ['a']],
    ]);
  });

  it('knows its views', () => {
    expect(isAgendaView('room')).toBe(true);
    expect(isAgendaView('speaker')).toBe(false);
  });
});
