import type { Store } from '@jisr/store/store';
import type { TokenService } from './auth/tokens.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Limiters } from './limits/limiters.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics/metrics.js';
import type { Drain } from './realtime/drain.js';
import type { PollTimers } from './polls/poll-timers.js';
import type { TallyBroadcaster } from './polls/tally-broadcaster.js';
import type { AskLimiter } from './qa/ask-limiter.js';
import type { DomainEventPublisher } from './realtime/domain-events.js';
import type { ReadCache } from './realtime/read-cache.js';
import type { InsightsRecorder } from './insights/insights-recorder.js';
import type { StageMoves } from './stage/stage-moves.js';
import type { LanguageBridge } from './translate/create-bridge.js';
import type { ReactionBroadcaster } from './audience/reaction-broadcaster.js';

/** What routes and handlers work with; built once by createApp. */
export interface AppContext {
  store: Store;
  /** Short-lived copies of the poll, session and event rows a ballot reads (see read-cache.ts). */
  reads: ReadCache;
  tokens: TokenService;
  clock: Clock;
  config: Config;
  logger: Logger;
  events: DomainEventPublisher;
  askLimiter: AskLimiter;
  /** Per-socket, per-person and per-IP limits (joins, logins, connections). */
  limiters: Limiters;
  /** This app's Prometheus counters (routes count what only they see, e.g. unknown codes). */
  metrics: Metrics;
  /** Set when the node shuts down: /readyz says so and new client events are turned away. */
  drain: Drain;
  tallies: TallyBroadcaster;
  pollTimers: PollTimers;
  /** Moves each session's stage after the moderator actions that move it (DESIGN 4b). */
  stage: StageMoves;
  /** Counts joins, questions, votes and live sockets for the organizers' insights. */
  insights: InsightsRecorder;
  /** The machine translation pipeline; absent without TRANSLATE_URL. */
  bridge?: LanguageBridge;
  /** Coalesces reactions into one burst per session per 500 ms, across nodes (reaction-broadcaster.ts). */
  reactions: ReactionBroadcaster;
  /** Does this text hold words that a moderator should see before the hall does? */
  isProfane(text: string): boolean;
}
