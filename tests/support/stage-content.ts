import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { ClientEvent } from '@jisr/protocol/events';
import type { Ballot, Poll, PollCreateInput } from '@jisr/protocol/poll';
import type { Stage } from '@jisr/protocol/stage';
import { connectSocket, joinDemo, okData, request, type ClientSocket } from './cluster-clients.js';

/** Realistic questions in six languages (tests/fixtures): the source of every long text here. */
const FIXTURE_PATH = new URL('../fixtures/questions.json', import.meta.url);

interface FixtureQuestion {
  lang: string;
  text: string;
}

function fixtureTexts(lang: string): string[] {
  const all = JSON.parse(fs.readFileSync(FIXTURE_PATH, 'utf8')) as FixtureQuestion[];
  return all.filter((question) => question.lang === lang).map((question) => question.text);
}

/** Exactly `length` characters of real sentences in `lang`, cut at a word (the last one padded out). */
export function textOf(lang: 'de' | 'ar', length: number, offset = 0): string {
  const sentences = fixtureTexts(lang);
  let text = '';
  for (let at = offset; [...text].length < length; at += 1) text += `${text ? ' ' : ''}${sentences[at % sentences.length]}`;
  const cut = [...text].slice(0, length).join('');
  return cut.replace(/\s+\S*$/, (tail) => (tail.length > 1 ? tail : '')).padEnd(length, '.').slice(0, length);
}

/** `count` different words from the fixtures: a word cloud with no two alike. */
export function distinctWords(count: number): string[] {
  const all = JSON.parse(fs.readFileSync(FIXTURE_PATH, 'utf8')) as FixtureQuestion[];
  const seen = new Set<string>();
  for (const { text } of all) {
    for (const word of text.match(/[\p{L}]{3,}/gu) ?? []) seen.add(word.toLowerCase());
  }
  const words = [...seen].filter((word) => word.length <= 24);
  for (let extra = 1; words.length < count; extra += 1) words.push(`thema${extra}`);
  return words.slice(0, count);
}

/** Long display names: what the question list and the quiz leaderboard must still hold. */
export function longName(at: number): string {
  const first = ['Anna-Katharina', 'Mohammed Amine', 'Fatima-Zahra', 'Maximilian', 'Nour El Houda', 'Hans-Joachim', 'Salma', 'Abdelkarim', 'Marie-Christine', 'Oussama'];
  const last = ['Schneider-Oberhuber', 'El Idrissi Benkirane', 'Vandenberghe-Rahmouni', 'von Hohenstein', 'Boutaleb Ouazzani'];
  return `${first[at % first.length]} ${last[at % last.length]}`.slice(0, 40);
}

export interface LargestStages {
  sessionId: string;
  /** A 500-character question, approved and voted. */
  pinnedId: string;
  polls: { choice: Poll; rating: Poll; ranking: Poll; wordcloud: Poll; quiz: Poll; text: Poll };
}

/** Everyone it connected: close them when done. */
export interface Crowd {
  attendees: ClientSocket[];
  close(): void;
}

/** `count` attendees of the demo event, each with a long name, connected over websocket. */
export async function crowd(url: string, count: number): Promise<Crowd> {
  const attendees: ClientSocket[] = [];
  for (let start = 0; start < count; start += 20) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(20, count - start) }, async (_, at) => connectSocket(url, await joinDemo(url, longName(start + at)))),
    );
    attendees.push(...batch);
  }
  return { attendees, close: () => attendees.forEach((socket) => socket.disconnect()) };
}

async function runPoll(moderator: ClientSocket, input: PollCreateInput, voters: ClientSocket[], ballot: (at: number, poll: Poll) => Ballot | null): Promise<Poll> {
  const poll = okData(await request(moderator, ClientEvent.PollCreate, input));
  okData(await request(moderator, ClientEvent.PollOpen, { pollId: poll.id }));
  await Promise.all(
    voters.map(async (voter, at) => {
      const given = ballot(at, poll);
      if (given) okData(await request(voter, ClientEvent.PollVote, { pollId: poll.id, ballot: given, clientId: randomUUID() }, 15_000));
    }),
  );
  return okData(await request(moderator, ClientEvent.PollClose, { pollId: poll.id }));
}

/**
 * Every stage of a session at its largest, set up once over sockets: a 500-character
 * question; three 500-character questions by people with long names at the top of the
 * list; a single choice of 20 options of 80 characters (German, with an Arabic translation);
 * a rating out of 10; a ranking of 20; a word cloud of 200 different words; a quiz with a
 * leaderboard of 10 long names; an open-text poll with 12 answers. Polls end closed, with
 * results shown live, so any of them can be put on stage with its results.
 */
export async function seedLargestStages(url: string, moderator: ClientSocket, sessionId: string, people: Crowd): Promise<LargestStages> {
  const { attendees } = people;
  const ask = async (socket: ClientSocket, text: string, lang: 'de' | 'ar') =>
    okData(await request(socket, ClientEvent.QuestionAsk, { sessionId, text, anonymous: false, clientId: randomUUID(), lang })).id;
  const listed = await Promise.all([0, 1, 2].map((at) => ask(attendees[at] as ClientSocket, textOf(at % 2 ? 'ar' : 'de', 500, at * 3), at % 2 ? 'ar' : 'de')));
  const pinnedId = await ask(attendees[3] as ClientSocket, textOf('de', 500, 7), 'de');
  // Enough votes to put the long ones at the top of any list.
  await Promise.all(
    attendees.slice(4, 40).flatMap((voter) => [...listed, pinnedId].map((questionId) => request(voter, ClientEvent.QuestionVote, { questionId, vote: true }).then(okData))),
  );

  const twenty = (lang: 'de' | 'ar', size: number) => Array.from({ length: 20 }, (_, at) => `${at + 1}. ${textOf(lang, size - 4, at)}`.slice(0, size));
  const live = { results: 'live' as const, allowChange: false, anonymous: true };
  const choice = await runPoll(
    moderator,
    {
      sessionId,
      kind: 'single',
      prompt: textOf('de', 200, 2),
      options: twenty('de', 80),
      lang: 'de',
      translations: { ar: { prompt: textOf('ar', 200, 2), options: twenty('ar', 80) } },
      settings: live,
    },
    attendees,
    (at, poll) => ({ optionId: poll.options[(at * 7) % 20]?.id ?? '' }),
  );
  const rating = await runPoll(moderator, { sessionId, kind: 'rating', prompt: textOf('de', 160, 4), lang: 'de', settings: { ...live, scaleMax: 10 } }, attendees, (at) => ({
    value: 1 + ((at * 7) % 10),
  }));
  const ranking = await runPoll(moderator, { sessionId, kind: 'ranking', prompt: textOf('de', 160, 5), options: twenty('de', 60), lang: 'de', settings: live }, attendees.slice(0, 12), (at, poll) => ({
    order: [...poll.options.slice(at), ...poll.options.slice(0, at)].map((option) => option.id),
  }));
  const words = distinctWords(200);
  const wordcloud = await runPoll(moderator, { sessionId, kind: 'wordcloud', prompt: textOf('de', 120, 6), lang: 'de', settings: live }, attendees, (at) => {
    const mine = words.slice(at * 3, at * 3 + 3);
    return mine.length > 0 ? { words: mine } : null;
  });
  const quiz = await runPoll(
    moderator,
    {
      sessionId,
      kind: 'quiz',
      prompt: textOf('de', 160, 8),
      options: [0, 1, 2, 3].map((at) => textOf('de', 80, at + 10)),
      lang: 'de',
      settings: { ...live, anonymous: false, correctOption: 2 },
    },
    attendees.slice(0, 10),
    (at, poll) => ({ optionId: poll.options[at % 3 === 0 ? 1 : 2]?.id ?? '' }),
  );
  const text = await runPoll(moderator, { sessionId, kind: 'text', prompt: textOf('de', 160, 9), lang: 'de', settings: live }, attendees.slice(0, 12), (at) => ({
    text: textOf(at % 2 ? 'ar' : 'de', 60 + ((at * 37) % 220), at),
  }));
  return { sessionId, pinnedId, polls: { choice, rating, ranking, wordcloud, quiz, text } };
}

/** Puts `stage` on the session's stage (organizer or moderator socket). */
export async function setStage(moderator: ClientSocket, sessionId: string, stage: Stage): Promise<void> {
  okData(await request(moderator, ClientEvent.StageSet, { sessionId, stage }));
}
