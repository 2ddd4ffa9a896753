import type { InviteUse, InviteUses, SessionSetup, SetupWarning } from '@jisr/protocol/admin';
import type { Lang } from '@jisr/protocol/common';
import type { Event, Session } from '@jisr/protocol/event';
import type { Invite } from '@jisr/protocol/http';
import type { Poll } from '@jisr/protocol/poll';

/**
 * The organizer's checklist before the day: per session what is set up, and what is
 * missing. A rule is a question asked of each session that still lies ahead (not ended,
 * not cancelled, not a break: nobody projects or speaks at a coffee break).
 */

export interface SetupInput {
  event: Pick<Event, 'languages' | 'defaultLang'>;
  sessions: readonly Pick<Session, 'id' | 'kind' | 'status' | 'speakerIds'>[];
  polls: readonly Pick<Poll, 'id' | 'sessionId' | 'state' | 'prompt' | 'lang' | 'translations'>[];
  invites: readonly Pick<Invite, 'role' | 'sessionId' | 'revoked' | 'expiresAt' | 'uses'>[];
  now: Date;
}

/** The event's languages a poll is not offered in yet (its own language counts as offered). */
export function missingPollLangs(poll: Pick<Poll, 'lang' | 'translations'>, event: Pick<Event, 'languages' | 'defaultLang'>): Lang[] {
  const own = poll.lang ?? event.defaultLang;
  return event.languages.filter((lang) => lang !== own && !poll.translations?.[lang]?.prompt);
}

const needsSetUp = (session: Pick<Session, 'kind' | 'status'>): boolean =>
  session.kind !== 'break' && session.status !== 'ended' && session.status !== 'cancelled';

function uses(invites: SetupInput['invites']): InviteUses {
  const of = (role: keyof InviteUses): InviteUse => {
    const mine = invites.filter((invite) => invite.role === role);
    return { count: mine.length, uses: mine.reduce((sum, invite) => sum + invite.uses, 0) };
  };
  return { moderator: of('moderator'), speaker: of('speaker'), screen: of('screen') };
}

export function eventSetup(input: SetupInput): { sessions: SessionSetup[]; invites: InviteUses; warnings: SetupWarning[] } {
  const { event, now } = input;
  const valid = input.invites.filter((invite) => !invite.revoked && Date.parse(invite.expiresAt) > now.getTime());
  const eventWide = valid.filter((invite) => invite.sessionId === undefined);
  const warnings: SetupWarning[] = [];
  const sessions = input.sessions.map((session): SessionSetup => {
    const polls = input.polls.filter((poll) => poll.sessionId === session.id);
    const drafts = polls.filter((poll) => poll.state === 'draft');
    const own = valid.filter((invite) => invite.sessionId === session.id);
    if (needsSetUp(session)) {
      const covered = (role: Invite['role']) => [...own, ...eventWide].some((invite) => invite.role === role);
      if (!covered('screen')) warnings.push({ kind: 'no_screen', sessionId: session.id });
      if (session.speakerIds.length > 0 && !covered('speaker')) warnings.push({ kind: 'speaker_without_link', sessionId: session.id });
      for (const poll of polls) {
        const langs = poll.state === 'closed' ? [] : missingPollLangs(poll, event);
        if (langs.length > 0) warnings.push({ kind: 'poll_untranslated', sessionId: session.id, pollId: poll.id, prompt: poll.prompt, langs });
      }
    }
    return {
      sessionId: session.id,
      polls: { total: polls.length, drafts: drafts.length, draftsTranslated: drafts.filter((poll) => missingPollLangs(poll, event).length === 0).length },
      invites: uses(own),
    };
  });
  return { sessions, invites: uses(eventWide), warnings };
}
