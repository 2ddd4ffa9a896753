import { randomUUID } from 'node:crypto';
import { ClientEvent } from '@jisr/protocol/events';
import type { Ballot, Poll, PollCreateInput } from '@jisr/protocol/poll';
import { connectSocket, joinDemo, okData, request, type ClientSocket } from './cluster-clients.js';
import { organizerToken } from './staff.js';

/** Words no phone line holds: each language's long compounds, one Latin run with no break at all. */
export const LONG_WORDS = {
  de: 'Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen',
  nl: 'Arbeidsongeschiktheidsverzekeringsmaatschappijvertegenwoordiger',
  fr: 'anticonstitutionnellement-intergouvernementalisation',
  ar: 'والمستشفياتالجامعيةالمتخصصةفيالأمراضالمزمنة',
  run: 'https://example.org/a-very-long-link-that-nobody-would-ever-break-by-hand/and/more',
} as const;

export type PollKindName = Poll['kind'];

/** One poll of every kind, each with a ballot per voter: long labels, long words, a long prompt. */
const KINDS: { input: Omit<PollCreateInput, 'sessionId'>; ballots: (poll: Poll, voter: number) => Ballot }[] = [
  {
    input: {
      kind: 'single',
      prompt: `Où organiser la prochaine rencontre ? ${LONG_WORDS.fr}`,
      options: [LONG_WORDS.de, LONG_WORDS.nl, 'Rabat', LONG_WORDS.ar],
      settings: { results: 'live' },
    },
    ballots: (poll, voter) => ({ optionId: poll.options[voter % poll.options.length]?.id ?? '' }),
  },
  {
    input: {
      kind: 'multiple',
      prompt: 'Welche Themen interessieren Sie am meisten?',
      options: ['Bildung', LONG_WORDS.de, 'Investitionen und rechtliche Rahmenbedingungen in Marokko', LONG_WORDS.run],
      settings: { results: 'live', maxChoices: 3 },
    },
    ballots: (poll, voter) => ({ optionIds: poll.options.slice(0, 1 + (voter % 3)).map((option) => option.id) }),
  },
  {
    input: { kind: 'rating', prompt: `Hoe beoordeelt u deze sessie? ${LONG_WORDS.nl}`, settings: { results: 'live', scaleMax: 10 } },
    ballots: (_poll, voter) => ({ value: 1 + ((voter * 3) % 10) }),
  },
  {
    input: { kind: 'wordcloud', prompt: 'Un mot pour cette journée ?', settings: { results: 'live' } },
    // A word is at most 40 characters: still wider than a 360 px phone in bold.
    ballots: (_poll, voter) => ({ words: [([LONG_WORDS.fr, LONG_WORDS.de, LONG_WORDS.ar][voter % 3] ?? 'pont').slice(0, 40), 'pont'] }),
  },
  {
    input: { kind: 'text', prompt: 'Une suggestion pour les organisateurs ?', settings: { results: 'live' } },
    ballots: (_poll, voter) => ({ text: `${LONG_WORDS.run} ${voter}` }),
  },
  {
    input: {
      kind: 'ranking',
      prompt: 'Rangschik de prioriteiten',
      options: [LONG_WORDS.nl, 'Onderwijs', LONG_WORDS.de, 'Cultuur en erfgoed'],
      settings: { results: 'live' },
    },
    ballots: (poll, voter) => ({ order: voter % 2 === 0 ? poll.options.map((option) => option.id) : [...poll.options].reverse().map((option) => option.id) }),
  },
  {
    input: {
      kind: 'quiz',
      prompt: 'في أي سنة تأسست المؤسسة؟',
      options: ['1990', LONG_WORDS.ar, '2001', LONG_WORDS.de],
      settings: { results: 'live', correctOption: 0 },
    },
    ballots: (poll, voter) => ({ optionId: poll.options[voter % 2]?.id ?? '' }),
  },
];

/** Voters with names that run long, for the quiz leaderboard. */
const VOTERS = [`Amina ${LONG_WORDS.ar}`, `Claire ${LONG_WORDS.fr}`, 'Youssef', `Jan ${LONG_WORDS.nl.slice(0, 50)}`, 'Lena'];

/**
 * Runs one poll of every kind through a session over real sockets, as a moderator and a few
 * attendees would: created, opened, voted on, closed. Returns the closed polls, in order.
 */
export async function seedClosedPolls(url: string, sessionId: string): Promise<Poll[]> {
  const sockets: ClientSocket[] = [];
  try {
    const organizer = await connectSocket(url, await organizerToken(url));
    sockets.push(organizer);
    okData(await request(organizer, ClientEvent.SessionJoin, { sessionId }));
    const voters = await Promise.all(VOTERS.map(async (name) => connectSocket(url, await joinDemo(url, name))));
    sockets.push(...voters);
    for (const voter of voters) okData(await request(voter, ClientEvent.SessionJoin, { sessionId }));
    const closed: Poll[] = [];
    for (const { input, ballots } of KINDS) {
      const poll = okData(await request(organizer, ClientEvent.PollCreate, { ...input, sessionId }));
      const open = okData(await request(organizer, ClientEvent.PollOpen, { pollId: poll.id }));
      for (const [at, voter] of voters.entries()) {
        okData(await request(voter, ClientEvent.PollVote, { pollId: poll.id, ballot: ballots(open, at), clientId: randomUUID() }));
      }
      closed.push(okData(await request(organizer, ClientEvent.PollClose, { pollId: poll.id })));
    }
    return closed;
  } finally {
    for (const socket of sockets) socket.close();
  }
}

/** Opens a poll in the session as the organizer (the moderator's `poll:create` + `poll:open`). */
export async function openPollNow(url: string, sessionId: string, input: Omit<PollCreateInput, 'sessionId'>): Promise<Poll> {
  const organizer = await connectSocket(url, await organizerToken(url));
  try {
    okData(await request(organizer, ClientEvent.SessionJoin, { sessionId }));
    const poll = okData(await request(organizer, ClientEvent.PollCreate, { ...input, sessionId }));
    return okData(await request(organizer, ClientEvent.PollOpen, { pollId: poll.id }));
  } finally {
    organizer.close();
  }
}
