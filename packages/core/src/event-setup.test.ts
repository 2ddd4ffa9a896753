import { describe, expect, it } from 'vitest';
import { eventSetup, missingPollLangs, type SetupInput } from './event-setup.js';

const NOW = new Date('2026-12-05T08:00:00Z');
const LATER = '2026-12-09T00:00:00.000Z';
const EARLIER = '2026-12-04T00:00:00.000Z';
const event = { languages: ['fr', 'ar', 'en'] as ('fr' | 'ar' | 'en')[], defaultLang: 'fr' as const };
const talk = { id: 's1', kind: 'talk' as const, status: 'scheduled' as const, speakerIds: ['sp1'] };

function input(overrides: Partial<SetupInput> = {}): SetupInput {
  return { event, sessions: [talk], polls: [], invites: [], now: NOW, ...overrides };
}

describe('event set-up', () => {
  it('warns about a session with no screen invite and a speaker without a link', () => {
    expect(eventSetup(input()).warnings).toEqual([
      { kind: 'no_screen', sessionId: 's1' },
      { kind: 'speaker_without_link', sessionId: 's1' },
    ]);
  });

  it('counts an event-wide screen invite for every session, a speaker invite only for its session', () => {
    const invites: SetupInput['invites'] = [
      { role: 'screen', revoked: false, expiresAt: LATER, uses: 2 },
      { role: 'speaker', sessionId: 's2', revoked: false, expiresAt: LATER, uses: 1 },
    ];
    const setup = eventSetup(input({ invites }));
    expect(setup.warnings).toEqual([{ kind: 'speaker_without_link', sessionId: 's1' }]);
    expect(setup.invites.screen).toEqual({ count: 1, uses: 2 });
  });

  it('ignores revoked and expired invites', () => {
    const invites: SetupInput['invites'] = [
      { role: 'screen', sessionId: 's1', revoked: true, expiresAt: LATER, uses: 0 },
      { role: 'speaker', sessionId: 's1', revoked: false, expiresAt: EARLIER, uses: 3 },
    ];
    const setup = eventSetup(input({ invites }));
    expect(setup.warnings.map((warning) => warning.kind)).toEqual(['no_screen', 'speaker_without_link']);
    expect(setup.sessions[0]?.invites.speaker).toEqual({ count: 0, uses: 0 });
  });

  it('asks nothing of breaks, ended or cancelled sessions', () => {
    const sessions: SetupInput['sessions'] = [
      { ...talk, id: 'b', kind: 'break' },
      { ...talk, id: 'e', status: 'ended' },
      { ...talk, id: 'c', status: 'cancelled' },
    ];
    expect(eventSetup(input({ sessions })).warnings).toEqual([]);
  });

  it('names the languages a poll still lacks, and counts the drafts ready in every language', () => {
    const invites: SetupInput['invites'] = [
      { role: 'screen', revoked: false, expiresAt: LATER, uses: 0 },
      { role: 'speaker', sessionId: 's1', revoked: false, expiresAt: LATER, uses: 1 },
    ];
    const polls: SetupInput['polls'] = [
      { id: 'p1', sessionId: 's1', state: 'draft', prompt: 'Où ?', lang: 'fr', translations: { ar: { prompt: 'أين؟', options: [] } } },
      { id: 'p2', sessionId: 's1', state: 'draft', prompt: 'Quand ?', translations: { ar: { prompt: 'متى؟', options: [] }, en: { prompt: 'When?', options: [] } } },
      { id: 'p3', sessionId: 's1', state: 'closed', prompt: 'Fini', lang: 'fr' },
    ];
    const setup = eventSetup(input({ polls, invites }));
    expect(setup.warnings).toEqual([{ kind: 'poll_untranslated', sessionId: 's1', pollId: 'p1', prompt: 'Où ?', langs: ['en'] }]);
    expect(setup.sessions[0]).toEqual({
      sessionId: 's1',
      polls: { total: 3, drafts: 2, draftsTranslated: 1 },
      invites: { moderator: { count: 0, uses: 0 }, speaker: { count: 1, uses: 1 }, screen: { count: 0, uses: 0 } },
    });
    expect(missingPollLangs({ lang: 'ar' }, event)).toEqual(['fr', 'en']);
  });
});
