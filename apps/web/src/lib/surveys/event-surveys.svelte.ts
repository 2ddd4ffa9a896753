import { ClientEvent, ServerEvent } from '@jisr/protocol/event-names';
import { AttendeeSurvey, type SurveyAnswerInput } from '@jisr/protocol/survey';
import { z } from 'zod';
import type { Result } from '$lib/api/client-error.js';
import { watchConnection, type ConnectionStatus } from '$lib/realtime/connection.js';
import { Outbox, type OutboxStorage } from '$lib/realtime/outbox.svelte.js';
import type { OutboxFailure } from '$lib/realtime/outbox.js';
import { parseSurveyItem, surveyItem, surveyOutboxKey } from './survey-outbox.js';
import { requestNow, subscribe, type JisrSocket } from '$lib/realtime/socket.js';

/** As the session outbox: an attendee is told "kept on this phone" soon on a link that swallows packets. */
const ANSWER_TIMEOUT_MS = 8_000;

const CachedSurveys = z.array(AttendeeSurvey);

/** Where the last list is kept, so a reload without network still shows the survey being answered. */
export function surveysCacheKey(eventId: string): string {
  return `jisr:surveys:v1:${eventId}`;
}

/**
 * The event's open surveys as one attendee sees them, and their answers on the way. What it
 * guarantees: an answer is kept on the phone (localStorage, with its clientId) from the tap
 * until the server answers, sent on every reconnect and applied once by the server; the list
 * is fetched again on every (re)connect and when an organizer opens or closes a survey
 * (`agenda:refresh`, reason `surveys`), so a card never stays for a survey that closed.
 */
export class EventSurveys {
  surveys = $state.raw<readonly AttendeeSurvey[]>([]);
  /** The server answered a list since the page opened (not only the phone's copy). */
  fresh = $state(false);
  status = $state<ConnectionStatus | null>(null);
  readonly outbox: Outbox;
  readonly #eventId: string;
  readonly #storage: OutboxStorage | null;

  constructor(eventId: string, storage: OutboxStorage | null) {
    this.#eventId = eventId;
    this.#storage = storage;
    this.outbox = new Outbox(surveyOutboxKey(eventId), storage, parseSurveyItem);
    this.surveys = readCache(storage, surveysCacheKey(eventId));
  }

  /** Open surveys this person has not answered nor sent an answer to: what the agenda offers. */
  get toAnswer(): AttendeeSurvey[] {
    return this.surveys.filter((survey) => survey.state === 'open' && !survey.answered && !this.pending(survey.id));
  }

  find(surveyId: string): AttendeeSurvey | undefined {
    return this.surveys.find((survey) => survey.id === surveyId);
  }

  /** The answer to this survey waiting on the phone, if any. */
  pending(surveyId: string): boolean {
    return this.outbox.items.some((item) => item.kind === 'survey' && item.input.surveyId === surveyId);
  }

  failure(surveyId: string): OutboxFailure | undefined {
    return this.outbox.failures.find((failure) => failure.item.kind === 'survey' && failure.item.input.surveyId === surveyId);
  }

  /** Follows the socket (returns the unsubscribe): the list and the waiting answers on every connect. */
  follow(socket: JisrSocket): () => void {
    const sync = (): void => {
      void this.refresh(socket);
      void this.flush(socket);
    };
    const stops = [
      watchConnection(socket, { onConnect: sync, onStatus: (status) => (this.status = status) }),
      subscribe(socket, ServerEvent.AgendaRefresh, (message) => {
        if (message.eventId === this.#eventId && message.reason === 'surveys') void this.refresh(socket);
      }),
    ];
    if (socket.connected) sync();
    return () => {
      for (const stop of stops) stop();
      this.outbox.stop();
    };
  }

  async refresh(socket: JisrSocket): Promise<void> {
    const result = await requestNow(socket, ClientEvent.SurveyList, { eventId: this.#eventId });
    if (!result.ok) return;
    this.#setSurveys(result.data);
    this.fresh = true;
  }

  /** Keeps the answer (with its clientId) and sends it now if the link allows, else on the next connect. */
  answer(socket: JisrSocket, input: SurveyAnswerInput): Promise<unknown> {
    this.outbox.add(surveyItem(input));
    return this.flush(socket);
  }

  flush(socket: JisrSocket): Promise<unknown> {
    return this.outbox.flush(async (item): Promise<Result<unknown>> => {
      if (item.kind !== 'survey') return { ok: false, error: { code: 'invalid_input', message: 'not a survey answer' } };
      const result = await requestNow(socket, ClientEvent.SurveyAnswer, item.input, ANSWER_TIMEOUT_MS);
      // Answered (or answered before, from another tab): the card goes.
      if (result.ok || result.error.code === 'conflict') this.#markAnswered(item.input.surveyId);
      return result;
    });
  }

  #markAnswered(surveyId: string): void {
    this.#setSurveys(this.surveys.map((survey) => (survey.id === surveyId ? { ...survey, answered: true } : survey)));
  }

  #setSurveys(surveys: readonly AttendeeSurvey[]): void {
    this.surveys = surveys;
    try {
      this.#storage?.setItem(surveysCacheKey(this.#eventId), JSON.stringify(surveys));
    } catch (error) {
      // Full or switched-off storage: the list still works while the page is open.
      console.warn('surveys: storage not writable', error);
    }
  }
}

function readCache(storage: OutboxStorage | null, key: string): AttendeeSurvey[] {
  try {
    const raw = storage?.getItem(key);
    if (!raw) return [];
    const parsed = CachedSurveys.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : [];
  } catch (error) {
    // Unreadable storage or a hand-edited value: start from the server's list.
    console.warn('surveys: cached list unreadable', error);
    return [];
  }
}
