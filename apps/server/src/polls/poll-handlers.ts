import { actorKey } from '@jisr/core/actor';
import { eventDefaults } from '@jisr/core/agenda-rules';
import { ballotCast } from '@jisr/core/insights';
import { ballotContributions, ballotRefusal, quizPoints, withHiddenWord } from '@jisr/core/poll-ballots';
import { acceptsVotes, applySettingsPatch, correctOptionId, newPollSettings, pollSetupRefusal } from '@jisr/core/polls';
import { editedPollTranslations, pollTranslationRefusal } from '@jisr/core/translations';
import type { Lang } from '@jisr/protocol/common';
import { ClientEvent } from '@jisr/protocol/events';
import type { Ballot, Poll, PollOption, PollSettings, PollTranslations } from '@jisr/protocol/poll';
import type { EventRecord } from '@jisr/store/store';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { authorizeInSession } from '../realtime/access.js';
import type { ClientEventHandlers } from '../realtime/handle.js';
import { refuseIfMuted } from '../audience/mute-check.js';
import { translatePollDraft } from '../translate/poll-bridge.js';
import type { JisrSocket } from '../realtime/types.js';

const SETUP_REFUSALS = {
  too_few_options: ['options', 'options: this kind of poll needs at least two options'],
  options_not_allowed: ['options', 'options: this kind of poll takes no options'],
  bad_correct_option: ['settings.correctOption', 'settings.correctOption: must name one of the options'],
  max_choices_over_options: ['settings.maxChoices', 'settings.maxChoices: more than there are options'],
} as const;

const TRANSLATION_REFUSALS = {
  own_language: 'is the poll’s own language (its prompt and options are the text in it)',
  option_count: 'must give one label per option, in the order of the options',
} as const;

const BALLOT_REFUSALS = {
  wrong_shape: 'ballot: does not fit this kind of poll',
  unknown_option: 'ballot: names an option this poll does not have',
  duplicate_option: 'ballot: names an option twice',
  too_many_choices: 'ballot: has more choices than this poll allows',
  out_of_range: 'ballot: is outside the scale',
  incomplete_ranking: 'ballot: must rank every option',
  no_words: 'ballot: has no word to count',
} as const;

/** Ballots are small objects of one field, stored as sent: their JSON compares them. */
function sameBallot(a: Ballot, b: Ballot): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Option ids are positions: stable, short, unique within the poll. */
function toOptions(labels: readonly string[]): PollOption[] {
  return labels.map((label, index) => ({ id: `o${index + 1}`, label }));
}

function checkSetup(kind: Poll['kind'], options: readonly string[], settings: PollSettings): void {
  const refusal = pollSetupRefusal(kind, options, settings);
  if (refusal) {
    const [field, message] = SETUP_REFUSALS[refusal];
    throw new AppError('invalid_input', message, field);
  }
}

function checkTranslations(lang: Lang | undefined, optionCount: number, translations: PollTranslations | undefined): void {
  const refusal = pollTranslationRefusal(lang, optionCount, translations);
  if (refusal) throw new AppError('invalid_input', `${refusal.field}: ${TRANSLATION_REFUSALS[refusal.reason]}`, refusal.field);
}

/**
 * Loads a poll and checks the bearer may do `action` on it. Ballots read through the node's
 * read cache: thousands a second ask for the same poll, session and event, and castBallot
 * checks again, atomically, that the poll is open.
 */
async function authorizeOnPoll(ctx: AppContext, socket: JisrSocket, pollId: string, action: 'poll:manage' | 'poll:vote') {
  const reads = action === 'poll:vote' ? ctx.reads : ctx.store;
  const poll = await reads.getPoll(pollId);
  if (!poll) throw new AppError('not_found', 'No such poll.', 'pollId');
  return { poll, ...(await authorizeInSession(ctx, socket, poll.sessionId, action, reads)) };
}

/** Polls: drafts, their lifecycle and ballots; made once per server and shared by its sockets. */
export function pollHandlers(ctx: AppContext): ClientEventHandlers {
  const changed = (poll: Poll, seq: number) => ctx.events.publish({ type: 'poll.changed', poll, seq });

  /** Stores a new draft (created or duplicated) and tells the session. */
  const createDraft = async (
    draft: Pick<Poll, 'sessionId' | 'kind' | 'prompt' | 'options' | 'settings' | 'lang' | 'translations'>,
  ): Promise<Poll> => {
    const { value, seq } = await ctx.store.createPoll({
      sessionId: draft.sessionId,
      kind: draft.kind,
      prompt: draft.prompt,
      options: draft.options,
      ...(draft.lang ? { lang: draft.lang } : {}),
      // No translations is no map at all, as on polls made before them.
      ...(draft.translations && Object.keys(draft.translations).length > 0 ? { translations: draft.translations } : {}),
      state: 'draft',
      settings: draft.settings,
      revealed: false,
      createdAt: ctx.clock.now().toISOString(),
    });
    changed(value, seq);
    return value;
  };

  /** The engine's drafts of a poll's translations, after the ack (poll-bridge.ts). */
  const translateDraft = (event: EventRecord, pollId: string): void => {
    void translatePollDraft(ctx, event, pollId).catch((error: unknown) => ctx.logger.warn({ err: error }, 'machine translation of a poll failed'));
  };

  return {
    [ClientEvent.PollCreate]: async (input, socket) => {
      const { event } = await authorizeInSession(ctx, socket, input.sessionId, 'poll:manage');
      const settings = newPollSettings(input.settings, eventDefaults(event).poll, input.kind);
      checkSetup(input.kind, input.options, settings);
      checkTranslations(input.lang, input.options.length, input.translations);
      const translations = editedPollTranslations(undefined, input.translations, false);
      const poll = await createDraft({ ...input, ...(translations ? { translations } : {}), settings, options: toOptions(input.options) });
      translateDraft(event, poll.id);
      return poll;
    },

    [ClientEvent.PollEdit]: async ({ pollId, prompt, options, settings, lang, translations }, socket) => {
      const { poll, event } = await authorizeOnPoll(ctx, socket, pollId, 'poll:manage');
      const merged = applySettingsPatch(poll.settings, settings);
      const before = poll.options.map((option) => option.label);
      const labels = options ?? before;
      checkSetup(poll.kind, labels, merged);
      const textChanged =
        (prompt !== undefined && prompt !== poll.prompt) ||
        (lang !== undefined && lang !== poll.lang) ||
        labels.length !== before.length ||
        labels.some((label, at) => label !== before[at]);
      // What the moderator sends is theirs, but a machine draft sent back untouched; a
      // machine draft of the old text goes (the engine translates the new one below).
      const edited = editedPollTranslations(poll.translations, translations, textChanged);
      // The translations as they will be, against the options as they will be: new options
      // without new translations are refused rather than leaving a language a label short.
      checkTranslations(lang ?? poll.lang, labels.length, edited ?? poll.translations);
      const { value, seq } = await ctx.store.updatePoll(
        pollId,
        {
          ...(prompt ? { prompt } : {}),
          ...(options ? { options: toOptions(options) } : {}),
          settings: merged,
          ...(lang ? { lang } : {}),
          ...(edited ? { translations: Object.keys(edited).length > 0 ? edited : null } : {}),
        },
        { states: ['draft'] },
      );
      changed(value, seq);
      if (textChanged) translateDraft(event, value.id);
      return value;
    },

    [ClientEvent.PollOpen]: async ({ pollId }, socket) => {
      const { poll } = await authorizeOnPoll(ctx, socket, pollId, 'poll:manage');
      // One poll at a time on the screen: opening one closes whichever else is open.
      for (const other of await ctx.store.listPolls(poll.sessionId)) {
        if (other.id === pollId || other.state !== 'open') continue;
        const closed = await ctx.store.updatePoll(other.id, { state: 'closed' }, { states: ['open'] });
        ctx.pollTimers.disarm(other.id);
        changed(closed.value, closed.seq);
        ctx.tallies.markDirty(other.id);
      }
      const now = ctx.clock.now();
      const timer = poll.settings.timerSeconds;
      const { value, seq } = await ctx.store.updatePoll(
        pollId,
        {
          state: 'open',
          openedAt: now.toISOString(),
          closesAt: timer ? new Date(now.getTime() + timer * 1000).toISOString() : null,
        },
        { states: ['draft', 'closed'] },
      );
      ctx.pollTimers.arm(value);
      changed(value, seq);
      ctx.tallies.markDirty(pollId);
      await ctx.stage.after(value.sessionId, { kind: 'poll_opened', pollId });
      return value;
    },

    [ClientEvent.PollClose]: async ({ pollId }, socket) => {
      await authorizeOnPoll(ctx, socket, pollId, 'poll:manage');
      const { value, seq } = await ctx.store.updatePoll(pollId, { state: 'closed' }, { states: ['open'] });
      ctx.pollTimers.disarm(pollId);
      changed(value, seq);
      ctx.tallies.markDirty(pollId);
      await ctx.stage.after(value.sessionId, { kind: 'poll_closed', pollId });
      return value;
    },

    [ClientEvent.PollReveal]: async ({ pollId }, socket) => {
      await authorizeOnPoll(ctx, socket, pollId, 'poll:manage');
      const { value, seq } = await ctx.store.updatePoll(pollId, { revealed: true }, { states: ['open', 'closed'] });
      changed(value, seq);
      ctx.tallies.markDirty(pollId);
      return value;
    },

    [ClientEvent.PollReset]: async ({ pollId }, socket) => {
      await authorizeOnPoll(ctx, socket, pollId, 'poll:manage');
      const { value, seq } = await ctx.store.resetPoll(pollId);
      ctx.pollTimers.disarm(pollId);
      changed(value, seq);
      ctx.tallies.markDirty(pollId);
      // A draft again, its answers gone: whatever of it was on stage leaves it.
      await ctx.stage.after(value.sessionId, { kind: 'poll_removed', pollId });
      return value;
    },

    [ClientEvent.PollDuplicate]: async ({ pollId }, socket) => {
      const { poll, event } = await authorizeOnPoll(ctx, socket, pollId, 'poll:manage');
      const copy = await createDraft(poll);
      translateDraft(event, copy.id);
      return copy;
    },

    [ClientEvent.PollDelete]: async ({ pollId }, socket) => {
      await authorizeOnPoll(ctx, socket, pollId, 'poll:manage');
      const { value, seq } = await ctx.store.deletePoll(pollId);
      ctx.pollTimers.disarm(pollId);
      ctx.events.publish({ type: 'poll.removed', poll: value, seq });
      await ctx.stage.after(value.sessionId, { kind: 'poll_removed', pollId });
      return { pollId };
    },

    [ClientEvent.PollHideWord]: async ({ pollId, word, hidden }, socket) => {
      const { poll } = await authorizeOnPoll(ctx, socket, pollId, 'poll:manage');
      if (poll.kind !== 'wordcloud') throw new AppError('invalid_input', 'pollId: only word clouds have words to hide', 'pollId');
      const { value, seq } = await ctx.store.updatePoll(pollId, { settings: withHiddenWord(poll.settings, word, hidden) });
      changed(value, seq);
      ctx.tallies.markDirty(pollId);
      return value;
    },

    [ClientEvent.PollVote]: async ({ pollId, ballot, clientId }, socket, carried) => {
      const { poll, actor, event } = await authorizeOnPoll(ctx, socket, pollId, 'poll:vote');
      const now = ctx.clock.now();
      /**
       * A resend from an outbox after the poll closed, whose first try was counted: the
       * voter gets their ballot back, not a refusal that would say it was lost.
       */
      const answerClosed = async () => {
        const kept = (await ctx.store.listBallots(poll.sessionId, actorKey(actor)))[pollId];
        if (kept && sameBallot(kept, ballot)) return { pollId, ballot: kept };
        throw new AppError('closed', 'This poll is not open for votes.');
      };
      if (!acceptsVotes(poll, now)) return answerClosed();
      const refusal = ballotRefusal(poll, ballot);
      if (refusal) throw new AppError('invalid_input', BALLOT_REFUSALS[refusal], 'ballot');
      // A muted person's words stay off the wall; their taps on choices still count.
      if ('text' in ballot) await refuseIfMuted(ctx, ctx.reads, actor, { id: poll.sessionId, eventId: event.id });
      const score =
        poll.kind === 'quiz' && 'optionId' in ballot
          ? quizPoints(
              ballot.optionId === correctOptionId(poll),
              now.getTime() - Date.parse(poll.openedAt ?? now.toISOString()),
              poll.settings.timerSeconds,
            )
          : 0;
      // The sender's shared limit, when it lives in the store's Redis, is counted by the cast itself.
      if (carried) carried.counted = true;
      const result = await ctx.store.castBallot({
        pollId,
        voterKey: actorKey(actor),
        // Quiz leaderboards show the names attendees chose; other polls keep voters unnamed when anonymous.
        ...(actor.name && (poll.kind === 'quiz' || !poll.settings.anonymous) ? { voterName: actor.name } : {}),
        ballot,
        contributions: ballotContributions(poll, ballot, ctx.isProfane),
        score,
        clientId,
        castAt: now.toISOString(),
        allowChange: poll.settings.allowChange,
        ...(carried ? { limit: carried.limit } : {}),
      });
      switch (result.outcome) {
        case 'limited':
          throw new AppError('rate_limited', 'Too many requests: slow down.');
        case 'closed':
          // Closed since the copy of the poll read above (the store judges at cast time).
          return answerClosed();
        case 'locked':
          throw new AppError('conflict', 'You have already voted in this poll.');
        case 'cast':
        case 'changed':
          ctx.tallies.markDirty(pollId);
          if (result.outcome === 'cast') ctx.insights.count(event.id, ballotCast(poll.sessionId));
          if (result.answer && 'text' in ballot) {
            const { id, replaces } = result.answer;
            // An answer the profanity filter flags starts hidden, as a flagged question waits:
            // the stage's answers come from the moderators' wall, which shows it marked.
            const held = !result.answer.hidden && ctx.isProfane(ballot.text);
            if (held) await ctx.store.setTextAnswerHidden(pollId, id, true);
            const answer = { id, text: ballot.text, castAt: now.toISOString(), hidden: result.answer.hidden || held };
            ctx.events.publish({ type: 'answer.changed', pollId, sessionId: poll.sessionId, answer, ...(replaces ? { replaces } : {}) });
          }
          break;
        case 'repeat':
          break;
      }
      return { pollId, ballot: result.ballot ?? ballot };
    },
  };
}
