import { ClientEvent, ServerEvent } from '@jisr/protocol/event-names';
import type { TextAnswer } from '@jisr/protocol/poll-answers';
import type { ClientError, Result } from '$lib/api/client-error.js';
import { watchConnection } from '$lib/realtime/connection.js';
import { request, subscribe, type JisrSocket } from '$lib/realtime/socket.js';
import { applyAnswer } from './answers.js';

/**
 * One open-text poll's answers as its moderators see them, newest first. Fetched whole on
 * start and on every (re)connect (`poll:answers`), kept live between by `poll:answer`
 * messages, so the wall is never silently behind after a network drop.
 */
export class AnswersWall {
  answers = $state.raw<readonly TextAnswer[]>([]);
  loaded = $state(false);
  error = $state.raw<ClientError | null>(null);
  readonly #socket: JisrSocket;
  readonly pollId: string;

  constructor(socket: JisrSocket, pollId: string) {
    this.#socket = socket;
    this.pollId = pollId;
  }

  start(): () => void {
    const stops = [
      watchConnection(this.#socket, { onStatus: () => undefined, onConnect: () => void this.load() }),
      subscribe(this.#socket, ServerEvent.PollAnswer, (message) => {
        if (message.pollId === this.pollId) this.answers = applyAnswer(this.answers, message);
      }),
    ];
    if (this.#socket.connected) void this.load();
    return () => {
      for (const stop of stops) stop();
    };
  }

  async load(): Promise<void> {
    const result = await request(this.#socket, ClientEvent.PollAnswers, { pollId: this.pollId });
    if (result.ok) {
      this.answers = result.data;
      this.error = null;
    } else {
      this.error = result.error;
    }
    this.loaded = true;
  }

  async hide(answerId: string, hidden: boolean): Promise<Result<TextAnswer>> {
    const result = await request(this.#socket, ClientEvent.PollAnswerHide, { pollId: this.pollId, answerId, hidden });
    if (result.ok) this.answers = applyAnswer(this.answers, { answer: result.data });
    return result;
  }
}
