import { defineScript, type CommandParser } from 'redis';
import {
  ADD_ANNOUNCEMENT,
  CLAIM_EVENT_CODE,
  DELETE_ANNOUNCEMENT,
  SET_ANNOUNCEMENT_TRANSLATIONS,
  DELETE_ROOM,
  DELETE_SESSION,
  DELETE_SPEAKER,
  DROP_EVENT,
  RELEASE_EVENT_CODE,
  UPDATE_RECORD,
  UPDATE_SESSIONS,
} from './admin-scripts.js';
import { INSERT_RECORD, RECORD_INVITE_USE, REVOKE_INVITE, UPDATE_SESSION } from './agenda-scripts.js';
import { CLAIM_EVENT, CLAIM_INVITE_TOKEN, CREATE_USER, RELEASE_INVITE_TOKEN } from './directory-scripts.js';
import { CAST_BALLOT, CREATE_POLL, DELETE_POLL, HIDE_ANSWER, RESET_POLL, UPDATE_POLL } from './poll-scripts.js';
import { ASK_QUESTION, DELETE_QUESTION, SET_MACHINE_TRANSLATION, SET_REPLY_TRANSLATIONS, UPDATE_QUESTION, VOTE_QUESTION } from './qa-scripts.js';
import { SET_STAGE } from './stage-scripts.js';
import { MERGE_QUESTION, UNMERGE_QUESTION } from './question-merge-scripts.js';
import { ANSWERS, LIST_BALLOTS, LIST_INDEXED, QUIZ_LEADERBOARD, TALLY } from './read-scripts.js';
import { ACCEPT_ORGANIZER_INVITE, REMOVE_ORGANIZER } from './organizer-scripts.js';
import { RESET_LIVE_DATA } from './rehearsal-scripts.js';
import { GIVE_FEEDBACK } from './feedback-scripts.js';
import { ANSWER_SURVEY, CREATE_SURVEY, DELETE_SURVEY, REPLACE_SURVEY } from './survey-scripts.js';

/**
 * A Lua script as node-redis runs it: EVALSHA (EVALSHA_RO for a read), falling back to
 * EVAL when the server doesn't have it cached yet (a fresh or restarted Redis). Every
 * script takes one key, the base of the slot it works on (see lua-prelude.ts), and string
 * arguments; its reply is checked where it is used (replies.ts).
 */
export interface LuaScript {
  readonly SCRIPT: string;
  readonly SHA1: string;
  readonly NUMBER_OF_KEYS: 1;
  readonly IS_READ_ONLY: boolean;
  parseCommand(this: void, parser: CommandParser, base: string, args: readonly string[]): void;
  transformReply(this: void, reply: unknown): unknown;
}

function luaScript(source: string, readOnly = false): LuaScript {
  return defineScript({
    SCRIPT: source,
    NUMBER_OF_KEYS: 1,
    IS_READ_ONLY: readOnly,
    parseCommand(parser: CommandParser, base: string, args: readonly string[]): void {
      parser.pushKey(base);
      parser.push(...args);
    },
    transformReply(this: void, reply: unknown): unknown {
      return reply;
    },
  });
}

/** Every script, by the name the client gets a method under (`client.castBallot(base, args)`). */
export const SCRIPTS = {
  createUser: luaScript(CREATE_USER),
  claimEvent: luaScript(CLAIM_EVENT),
  claimInviteToken: luaScript(CLAIM_INVITE_TOKEN),
  releaseInviteToken: luaScript(RELEASE_INVITE_TOKEN),
  insertRecord: luaScript(INSERT_RECORD),
  updateSession: luaScript(UPDATE_SESSION),
  revokeInvite: luaScript(REVOKE_INVITE),
  recordInviteUse: luaScript(RECORD_INVITE_USE),
  askQuestion: luaScript(ASK_QUESTION),
  voteQuestion: luaScript(VOTE_QUESTION),
  updateQuestion: luaScript(UPDATE_QUESTION),
  setMachineTranslation: luaScript(SET_MACHINE_TRANSLATION),
  setReplyTranslations: luaScript(SET_REPLY_TRANSLATIONS),
  deleteQuestion: luaScript(DELETE_QUESTION),
  mergeQuestion: luaScript(MERGE_QUESTION),
  unmergeQuestion: luaScript(UNMERGE_QUESTION),
  createPoll: luaScript(CREATE_POLL),
  updatePoll: luaScript(UPDATE_POLL),
  deletePoll: luaScript(DELETE_POLL),
  resetPoll: luaScript(RESET_POLL),
  castBallot: luaScript(CAST_BALLOT),
  hideAnswer: luaScript(HIDE_ANSWER),
  setStage: luaScript(SET_STAGE),
  updateRecord: luaScript(UPDATE_RECORD),
  updateSessions: luaScript(UPDATE_SESSIONS),
  deleteRoom: luaScript(DELETE_ROOM),
  deleteSpeaker: luaScript(DELETE_SPEAKER),
  deleteSession: luaScript(DELETE_SESSION),
  addAnnouncement: luaScript(ADD_ANNOUNCEMENT),
  deleteAnnouncement: luaScript(DELETE_ANNOUNCEMENT),
  setAnnouncementTranslations: luaScript(SET_ANNOUNCEMENT_TRANSLATIONS),
  claimEventCode: luaScript(CLAIM_EVENT_CODE),
  releaseEventCode: luaScript(RELEASE_EVENT_CODE),
  dropEvent: luaScript(DROP_EVENT),
  acceptOrganizerInvite: luaScript(ACCEPT_ORGANIZER_INVITE),
  removeOrganizer: luaScript(REMOVE_ORGANIZER),
  resetLiveData: luaScript(RESET_LIVE_DATA),
  giveFeedback: luaScript(GIVE_FEEDBACK),
  createSurvey: luaScript(CREATE_SURVEY),
  replaceSurvey: luaScript(REPLACE_SURVEY),
  deleteSurvey: luaScript(DELETE_SURVEY),
  answerSurvey: luaScript(ANSWER_SURVEY),
  // Reads: sent as EVALSHA_RO.
  listIndexed: luaScript(LIST_INDEXED, true),
  tally: luaScript(TALLY, true),
  listBallots: luaScript(LIST_BALLOTS, true),
  answers: luaScript(ANSWERS, true),
  quizLeaderboard: luaScript(QUIZ_LEADERBOARD, true),
};

export type ScriptName = keyof typeof SCRIPTS;
