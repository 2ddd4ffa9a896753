import { pollMachineTargets, withMachinePollTranslations } from '@jisr/core/translations';
import type { Lang } from '@jisr/protocol/common';
import { PollOptionLabel, PollPrompt, type Poll, type PollTranslations } from '@jisr/protocol/poll';
import { StoreConflict, StoreNotFound, type EventRecord } from '@jisr/store/store';
import type { AppContext } from '../context.js';
import { detectTextLang } from './detect-language.js';
import { worthRetry } from './machine-fill.js';
import type { Translator } from './translator.js';

const PROMPT_MAX = PollPrompt.maxLength ?? 300;
const LABEL_MAX = PollOptionLabel.maxLength ?? 200;

/** Tries at storing a draft's translations when a moderator's edit lands in between (each re-read). */
const WRITE_TRIES = 3;

/** The prompt and every label in `to`, as one machine translation, or why not (one text missing is the language missing). */
async function translateTexts(translator: Translator, eventId: string, poll: Poll, from: Lang, to: Lang): Promise<{ ok: true; value: PollTranslations[Lang] } | { ok: false; retry: boolean }> {
  const texts = [poll.prompt, ...poll.options.map((option) => option.label)];
  const outcomes = await Promise.all(texts.map((text) => translator.translate(eventId, text, from, to)));
  const values = [];
  for (const outcome of outcomes) {
    if (!outcome.ok) return { ok: false, retry: outcomes.some(worthRetry) };
    values.push(outcome.value);
  }
  const [prompt, ...options] = values;
  if (!prompt) return { ok: false, retry: false };
  const pivot = values.find((value) => value.pivot)?.pivot;
  // Within what the moderator's form sends back (poll:edit's limits), so a draft they leave as it is saves.
  const fit = (text: string, max: number): string => text.trim().slice(0, max).trim();
  return {
    ok: true,
    value: {
      prompt: fit(prompt.text, PROMPT_MAX),
      options: options.map((option) => fit(option.text, LABEL_MAX)),
      by: 'machine',
      engine: prompt.engine,
      ...(pivot ? { pivot } : {}),
    },
  };
}

/** Same prompt, labels and language as `basis`: the text the engine translated is still the draft's. */
function sameText(poll: Poll, basis: Poll): boolean {
  return (
    poll.state === 'draft' &&
    poll.lang === basis.lang &&
    poll.prompt === basis.prompt &&
    poll.options.length === basis.options.length &&
    poll.options.every((option, at) => option.label === basis.options[at]?.label)
  );
}

/**
 * After a moderator created a poll or changed a draft's prompt or options (and was acked):
 * machine-translate the prompt and labels into the event's languages, in the background, as
 * drafts the moderator can correct before opening (`by: 'machine'`, core's
 * withMachinePollTranslations: never over a moderator's). They reach the moderators as a
 * `poll:upsert`. Stored only while the draft's texts are still those read (PollGuard.texts):
 * an edit meanwhile wins, and the engine translates the new text after it. A language missed
 * because the engine was down is tried again when it answers, while the poll is a draft.
 */
export async function translatePollDraft(ctx: AppContext, event: EventRecord, pollId: string): Promise<void> {
  const bridge = ctx.bridge;
  if (!bridge) return;
  const poll = await ctx.store.getPoll(pollId);
  if (!poll || poll.state !== 'draft') return;
  const source = poll.lang ?? detectTextLang(poll.prompt, event.defaultLang);
  if (source === 'und') return;
  const targets = pollMachineTargets(poll, source, event.languages);
  if (targets.length === 0) return;
  const machine: PollTranslations = {};
  let missed = false;
  await Promise.all(
    targets.map(async (to) => {
      const result = await translateTexts(bridge.translator, event.id, poll, source, to);
      if (result.ok) machine[to] = result.value;
      else missed ||= result.retry;
    }),
  );
  if (missed) bridge.retries.add(`poll:${poll.id}`, () => translatePollDraft(ctx, event, pollId));
  if (Object.keys(machine).length > 0) await storeMachineDraft(ctx, poll, machine);
}

async function storeMachineDraft(ctx: AppContext, basis: Poll, machine: PollTranslations): Promise<void> {
  let current: Poll | null = basis;
  for (let tries = 0; tries < WRITE_TRIES && current && sameText(current, basis); tries += 1) {
    const translations = withMachinePollTranslations(current.translations, machine);
    if (!translations) return;
    try {
      const { value, seq } = await ctx.store.updatePoll(
        current.id,
        { translations },
        { states: ['draft'], texts: { prompt: current.prompt, options: current.options, translations: current.translations } },
      );
      ctx.events.publish({ type: 'poll.changed', poll: value, seq });
      return;
    } catch (error) {
      if (error instanceof StoreNotFound) return;
      if (!(error instanceof StoreConflict)) throw error;
      // Opened, or edited meanwhile: read it again (a new text stops here: its own pass follows the edit).
      current = await ctx.store.getPoll(basis.id);
    }
  }
}
