import type { EventDefaults } from '@jisr/protocol/event';
import type { Poll, PollCreateSettings, PollKind, PollSettings, PollSettingsPatch } from '@jisr/protocol/poll';
import type { Actor } from './actor.js';

/** Drafts are the moderators' work in progress: nobody else sees them. */
export function isPollVisible(poll: Poll, viewer: Actor): boolean {
  if (poll.state !== 'draft') return true;
  return viewer.role === 'organizer' || viewer.role === 'moderator';
}

/**
 * May this viewer see the poll's results now? Staff and speakers always (they run the
 * room); everyone else as the poll's setting says: live, after close, or once revealed.
 */
export function resultsVisibleTo(poll: Poll, viewer: Actor): boolean {
  if (viewer.role === 'organizer' || viewer.role === 'moderator' || viewer.role === 'speaker') return true;
  if (poll.state === 'draft') return false;
  switch (poll.settings.results) {
    case 'live':
      return true;
    case 'after_close':
      return poll.state === 'closed' || poll.revealed;
    case 'hidden':
      return poll.revealed;
  }
}

/** The poll as this viewer may see it: a quiz keeps its answer from attendees until it closes. */
export function toVisiblePoll(poll: Poll, viewer: Actor): Poll {
  const staff = viewer.role === 'organizer' || viewer.role === 'moderator';
  if (staff || poll.state === 'closed' || poll.settings.correctOption === undefined) return poll;
  const { correctOption: _hidden, ...settings } = poll.settings;
  return { ...poll, settings };
}

export type PollSetupRefusal = 'too_few_options' | 'options_not_allowed' | 'bad_correct_option' | 'max_choices_over_options';

/** Kinds whose answers are picked from the options. */
const OPTION_KINDS: readonly PollKind[] = ['single', 'multiple', 'ranking', 'quiz'];

/** Why a poll can't be built with these options and settings, or null when it can. */
export function pollSetupRefusal(kind: PollKind, options: readonly string[], settings: PollSettings): PollSetupRefusal | null {
  if (OPTION_KINDS.includes(kind)) {
    if (options.length < 2) return 'too_few_options';
  } else if (options.length > 0) {
    return 'options_not_allowed';
  }
  if (kind === 'quiz') {
    const correct = settings.correctOption;
    if (correct === undefined || correct >= options.length) return 'bad_correct_option';
  }
  if (kind === 'multiple' && settings.maxChoices !== undefined && settings.maxChoices > options.length) {
    return 'max_choices_over_options';
  }
  return null;
}

/**
 * A draft's settings after an edit: fields left out stay, a `null` clears an optional one.
 * @example applySettingsPatch({ results: 'hidden', ..., timerSeconds: 30 }, { timerSeconds: null }) // no timer, still hidden
 */
export function applySettingsPatch(settings: PollSettings, patch: PollSettingsPatch | undefined): PollSettings {
  const next: PollSettings = { ...settings };
  for (const [key, value] of Object.entries(patch ?? {}) as [keyof PollSettings, unknown][]) {
    if (value === undefined) continue;
    if (value === null) delete next[key as 'maxChoices' | 'timerSeconds' | 'scaleMax' | 'correctOption'];
    else Object.assign(next, { [key]: value });
  }
  return next;
}

/**
 * A new poll's settings: what `poll:create` says, the event's poll defaults for the rest.
 * A quiz keeps its secret by default: its split and leaderboard wait for the close (or a
 * reveal) whatever the event's default, or the hall would copy the leading answer. What
 * `poll:create` says still wins.
 * @example newPollSettings({ results: 'hidden' }, { results: 'live', allowChange: true, anonymous: false }) // hidden, allowChange, named
 * @example newPollSettings({}, { results: 'live', allowChange: true, anonymous: false }, 'quiz') // after_close
 */
export function newPollSettings(given: PollCreateSettings, defaults: EventDefaults['poll'], kind?: PollKind): PollSettings {
  const { results, allowChange, anonymous, ...rest } = given;
  const defaultResults = kind === 'quiz' ? 'after_close' : defaults.results;
  return { ...rest, results: results ?? defaultResults, allowChange: allowChange ?? defaults.allowChange, anonymous: anonymous ?? defaults.anonymous };
}

/** The edit that makes a draft's settings exactly `settings`: optional fields it lacks are cleared. */
export function settingsAsPatch(settings: PollSettings): PollSettingsPatch {
  return {
    ...settings,
    maxChoices: settings.maxChoices ?? null,
    timerSeconds: settings.timerSeconds ?? null,
    scaleMax: settings.scaleMax ?? null,
    correctOption: settings.correctOption ?? null,
  };
}

/** Does the poll take a ballot at `now`? Open, and its timer (if any) not run out. */
export function acceptsVotes(poll: Poll, now: Date): boolean {
  if (poll.state !== 'open') return false;
  return poll.closesAt === undefined || now.getTime() < Date.parse(poll.closesAt);
}

/** The correct option's id of a quiz, if it has one. */
export function correctOptionId(poll: Poll): string | undefined {
  const index = poll.settings.correctOption;
  return index === undefined ? undefined : poll.options[index]?.id;
}
