import { describe, expect, it } from 'vitest';
import { agendaIcsPath } from './calendar-links.js';

describe('calendar links', () => {
  it('points at the whole agenda, or at the starred sessions only', () => {
    expect(agendaIcsPath('DEMO')).toBe('/api/events/DEMO/agenda.ics');
    expect(agendaIcsPath('DEMO', { sessionIds: ['s_1', 's_2'], lang: 'ar' })).toBe('/api/events/DEMO/agenda.ics?sessions=s_1,s_2&lang=ar');
    expect(agendaIcsPath('DEMO', { sessionIds: [] })).toBe('/api/events/DEMO/agenda.ics');
  });
});
