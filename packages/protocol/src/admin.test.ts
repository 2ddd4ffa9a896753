import { describe, expect, it } from 'vitest';
import { EventCreateRequest, EventPatchRequest, IcsQuery, SessionCreateRequest, SpeakerPatchRequest } from './admin.js';
import { AgendaUpdateInput, AnnounceInput, SessionEditRequest } from './agenda.js';

const EVENT = {
  code: 'rabat26',
  title: { fr: 'Forum' },
  timeZone: 'Africa/Casablanca',
  languages: ['fr', 'ar'],
  startDate: '2026-03-21',
  endDate: '2026-03-22',
};

function fieldOf(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): string | undefined {
  return result.error?.issues[0]?.path.join('.');
}

describe('organizer API schemas', () => {
  it('takes an event, upper-casing its code, and names the field of a bad one', () => {
    expect(EventCreateRequest.parse(EVENT)).toMatchObject({ code: 'RABAT26', description: {} });
    expect(fieldOf(EventCreateRequest.safeParse({ ...EVENT, timeZone: 'Europe/Atlantis' }))).toBe('timeZone');
    expect(fieldOf(EventCreateRequest.safeParse({ ...EVENT, languages: [] }))).toBe('languages');
    expect(fieldOf(EventCreateRequest.safeParse({ ...EVENT, languages: ['fr', 'fr'] }))).toBe('languages');
    expect(fieldOf(EventCreateRequest.safeParse({ ...EVENT, title: { fr: ' ' } }))).toBe('title');
    expect(fieldOf(EventCreateRequest.safeParse({ ...EVENT, color: '#12345' }))).toBe('color');
    expect(fieldOf(EventCreateRequest.safeParse({ ...EVENT, logoUrl: 'javascript:alert(1)' }))).toBe('logoUrl');
    expect(fieldOf(EventCreateRequest.safeParse({ ...EVENT, startDate: '2026-02-30' }))).toBe('startDate');
  });

  it('lets a patch clear logo and colour with null, and nothing else', () => {
    expect(EventPatchRequest.parse({ logoUrl: null, color: null })).toEqual({ logoUrl: null, color: null });
    expect(EventPatchRequest.safeParse({ timeZone: null }).success).toBe(false);
    expect(SpeakerPatchRequest.parse({ photoUrl: null, country: null })).toEqual({ photoUrl: null, country: null });
  });

  it('defaults a new session to a talk without speakers, and refuses a session without a title', () => {
    const session = SessionCreateRequest.parse({ roomId: 'rm_1', title: { ar: 'الافتتاح' }, startsAt: '2026-03-21T09:00:00Z', endsAt: '2026-03-21T10:00:00Z' });
    expect(session).toMatchObject({ kind: 'talk', speakerIds: [], description: {} });
    expect(fieldOf(SessionCreateRequest.safeParse({ roomId: 'rm_1', title: {}, startsAt: '2026-03-21T09:00:00Z', endsAt: '2026-03-21T10:00:00Z' }))).toBe('title');
  });

  it('reads live operations and keeps older payloads valid', () => {
    expect(AgendaUpdateInput.parse({ sessionId: 'se_1', delayMinutes: 10 })).toEqual({ sessionId: 'se_1', delayMinutes: 10 });
    expect(AgendaUpdateInput.parse({ sessionId: 'se_1', delayBy: 15, cascade: true })).toEqual({ sessionId: 'se_1', delayBy: 15, cascade: true });
    expect(fieldOf(AgendaUpdateInput.safeParse({ sessionId: 'se_1', delayBy: 1.5 }))).toBe('delayBy');
    expect(fieldOf(AgendaUpdateInput.safeParse({ sessionId: 'se_1', delayBy: 10_000 }))).toBe('delayBy');
    expect(fieldOf(AgendaUpdateInput.safeParse({ sessionId: 'se_1', status: 'paused' }))).toBe('status');
    expect(SessionEditRequest.parse({ title: { fr: 'Clôture' }, qa: { open: false } })).toEqual({ title: { fr: 'Clôture' }, qa: { open: false } });
  });

  it('gives announcements a default lifetime within bounds', () => {
    expect(AnnounceInput.parse({ eventId: 'ev_1', text: ' Pause ' })).toEqual({ eventId: 'ev_1', text: 'Pause', expiresInMinutes: 120 });
    expect(fieldOf(AnnounceInput.safeParse({ eventId: 'ev_1', text: 'x', expiresInMinutes: 2000 }))).toBe('expiresInMinutes');
  });

  it('splits the sessions of a personal calendar and refuses an empty or odd list', () => {
    expect(IcsQuery.parse({ sessions: 'se_1, se_2' })).toEqual({ sessions: ['se_1', 'se_2'] });
    expect(IcsQuery.parse({})).toEqual({});
    expect(fieldOf(IcsQuery.safeParse({ sessions: ',' }))).toBe('sessions');
    expect(fieldOf(IcsQuery.safeParse({ sessions: 'se_1,<script>' }))).toContain('sessions');
    expect(fieldOf(IcsQuery.safeParse({ lang: 'xx' }))).toBe('lang');
  });
});
