import type { QuestionRecord } from '@jisr/core/questions';
import { machineTargets } from '@jisr/core/translations';
import type { Lang } from '@jisr/protocol/common';
import { StoreNotFound, type Store } from '@jisr/store/store';
import type { Logger } from '../logger.js';
import type { DomainEventPublisher } from '../realtime/domain-events.js';
import type { Translator } from './translator.js';

/** A translation that could not be made when asked (engine down), to try again when it answers. */
interface Pending {
  questionId: string;
  eventId: string;
  target: Lang;
}

/** Most translations a node keeps waiting for an engine to come back (oldest dropped first). */
const MAX_PENDING = 1000;

export interface QuestionBridge {
  /**
   * After a question was asked or its text rewritten (and acked): machine-translate it into
   * each of the event's languages, in the background. Each translation lands as its own
   * `question:upsert`. Returns the work, for tests and shutdown; callers don't wait for it.
   */
  afterText(question: QuestionRecord, eventId: string, eventLangs: readonly Lang[]): Promise<void>;
  /** Tries again what failed while the engine was away (also run by a timer while any wait). */
  retryPending(): Promise<void>;
  stop(): void;
}

/**
 * The pipeline from a question to its machine translations on one node.
 *
 * Across nodes: only the node whose `askQuestion` created the question (the store says so
 * atomically: `created`) or that stored the author's edit translates it, so two nodes never
 * translate the same text of a question. Were it to happen anyway, it is harmless:
 * `setMachineTranslation` writes only while the text is the one translated and no moderator
 * has corrected that language, and a machine rewriting a machine's text is idempotent but
 * for one `seq`. What a node loses in a crash is only its pending retries: those questions
 * stay untranslated (moderators can still translate them by hand).
 */
export function createQuestionBridge(
  store: Pick<Store, 'getQuestion' | 'setMachineTranslation' | 'getEvent'>,
  events: DomainEventPublisher,
  translator: Translator,
  logger: Logger,
  retryEveryMs: number,
  /** Told once a question got a machine translation (duplicates are looked for again through it). */
  onTranslated: (question: QuestionRecord) => void = () => undefined,
): QuestionBridge {
  const pending = new Map<string, Pending>();
  let retrying: Promise<void> | undefined;

  /** Translates into `target` and publishes the change; the question as stored afterwards, or null when nothing changed. */
  async function translateInto(question: QuestionRecord, eventId: string, target: Lang): Promise<QuestionRecord | null> {
    const source = question.detectedLang;
    if (source === undefined || source === 'und') return null;
    // A moderator got there first: the engine has nothing to add.
    if (question.translations?.[target]?.by === 'human') return null;
    const outcome = await translator.translate(eventId, question.text, source, target);
    if (!outcome.ok) {
      // Worth another try once the engine is back; a refusal, a missing pair or a spent budget is not.
      if (outcome.reason === 'failed' || outcome.reason === 'circuit_open' || outcome.reason === 'queue_full') {
        remember({ questionId: question.id, eventId, target });
      }
      return null;
    }
    const changed = await store.setMachineTranslation(question.id, target, outcome.value, question.text).catch((error: unknown) => {
      // Deleted while it was being translated: nothing to do.
      if (error instanceof StoreNotFound) return null;
      throw error;
    });
    if (!changed) return null;
    events.publish({ type: 'question.changed', question: changed.value, seq: changed.seq });
    return changed.value;
  }

  function remember(item: Pending): void {
    const key = `${item.questionId}>${item.target}`;
    pending.delete(key);
    pending.set(key, item);
    if (pending.size > MAX_PENDING) {
      const oldest = pending.keys().next().value;
      if (oldest !== undefined) pending.delete(oldest);
    }
  }

  async function guarded(work: Promise<QuestionRecord | null>): Promise<QuestionRecord | null> {
    return work.catch((error: unknown) => {
      logger.warn({ err: error }, 'machine translation of a question failed');
      return null;
    });
  }

  async function retry(): Promise<void> {
    const items = [...pending.values()];
    pending.clear();
    for (const item of items) {
      const question = await store.getQuestion(item.questionId).catch(() => null);
      if (!question || question.translations?.[item.target]) continue;
      const translated = await guarded(translateInto(question, item.eventId, item.target));
      if (translated) onTranslated(translated);
      // Still away: the rest would only fail fast; keep them for the next try.
      if (translator.isOpen()) {
        for (const rest of items.slice(items.indexOf(item) + 1)) remember(rest);
        return;
      }
    }
  }

  function retryPending(): Promise<void> {
    if (pending.size === 0) return Promise.resolve();
    retrying ??= retry().finally(() => {
      retrying = undefined;
    });
    return retrying;
  }

  translator.onRecovered(() => void retryPending());
  const timer = setInterval(() => void retryPending(), retryEveryMs);
  timer.unref();

  return {
    async afterText(question, eventId, eventLangs) {
      const targets = machineTargets(question.detectedLang, eventLangs);
      const translated = await Promise.all(targets.map((target) => guarded(translateInto(question, eventId, target))));
      const last = translated.filter((value) => value !== null).at(-1);
      if (last) onTranslated(last);
    },
    retryPending,
    stop() {
      clearInterval(timer);
    },
  };
}
