import http from 'node:http';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '@jisr/protocol/events';
import type { Store } from '@jisr/store/store';
import compression from 'compression';
import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import { Server } from 'socket.io';
import { createTokenService } from './auth/tokens.js';
import type { Clock } from './clock.js';
import type { ClusterLink } from './cluster/redis-cluster.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { authRoutes } from './http/auth-routes.js';
import { requestLog } from './http/request-log.js';
import { createMetrics, timedStore, type Metrics } from './metrics/metrics.js';
import { metricsRoute } from './metrics/metrics-route.js';
import { createDrain } from './realtime/drain.js';
import { attachServices } from './realtime/services.js';
import { clientAddress } from './limits/client-address.js';
import { createLimiters, DEFAULT_LIMITS, type BypassReporter, type LimitSettings } from './limits/limiters.js';
import { allowedOrigins, httpOriginCheck, socketOriginCheck } from './http/origin-guard.js';
import { eventRoutes } from './http/event-routes.js';
import { healthRoutes } from './http/health-routes.js';
import { inviteRoutes } from './http/invite-routes.js';
import { joinRoutes } from './http/join-routes.js';
import { meRoutes } from './http/me-routes.js';
import { sessionRoutes } from './http/session-routes.js';
import { agendaRoutes } from './http/agenda-routes.js';
import { eventAdminRoutes } from './http/event-admin-routes.js';
import { speakerPhotoRoutes } from './http/speaker-photo-routes.js';
import { insightsRoutes } from './http/insights-routes.js';
import { eventCopyRoutes } from './http/event-copy-routes.js';
import { organizerRoutes } from './http/organizer-routes.js';
import { rehearsalRoutes } from './http/rehearsal-routes.js';
import { setupRoutes } from './http/setup-routes.js';
import { auditRoutes } from './audit/audit-routes.js';
import { auditHttpWrites } from './audit/http-audit.js';
import { createClientAudit } from './audit/client-audit.js';
import { retentionRoutes } from './audit/retention-routes.js';
import { startRetentionSweep } from './audit/retention-sweep.js';
import { createInsightsRecorder } from './insights/insights-recorder.js';
import { apiNotFound, errorResponder } from './http/respond.js';
import type { Logger } from './logger.js';
import { pollHandlers } from './polls/poll-handlers.js';
import { createPollTimers } from './polls/poll-timers.js';
import { answerHandlers } from './polls/answer-handlers.js';
import { createStageMoves } from './stage/stage-moves.js';
import { createLanguageBridge } from './translate/create-bridge.js';
import { refreshSimilar } from './qa/similar-questions.js';
import { stageHandlers } from './stage/stage-handlers.js';
import { createTallyBroadcaster } from './polls/tally-broadcaster.js';
import { ASKS_PER_MINUTE, createAskLimiter, type AskLimiter } from './qa/ask-limiter.js';
import { mergeHandlers } from './qa/merge-handlers.js';
import { moderationHandlers } from './qa/moderation-handlers.js';
import { loadProfanityFilter } from './qa/profanity-lists.js';
import { questionHandlers } from './qa/question-handlers.js';
import { clientEventListener } from './realtime/handle.js';
import { createProjector } from './realtime/projector.js';
import { createReadCache, forgettingPublisher } from './realtime/read-cache.js';
import { rooms } from './realtime/rooms.js';
import { socketAuth } from './realtime/socket-auth.js';
import { leanBroadcasts } from './realtime/lean-broadcast.js';
import type { JisrServer } from './realtime/types.js';
import { sessionHandlers } from './session/session-handlers.js';
import { REACTION_BURST_MS } from '@jisr/protocol/audience';
import { createReactionBroadcaster } from './audience/reaction-broadcaster.js';
import { reactionHandlers } from './audience/reaction-handlers.js';
import { muteHandlers } from './audience/mute-handlers.js';
import { feedbackHandlers } from './feedback/feedback-handlers.js';
import { surveyHandlers } from './surveys/survey-handlers.js';
import { surveyRoutes } from './surveys/survey-routes.js';
import { muteRoutes } from './audience/mute-routes.js';
import { joinOwnedEvents, agendaHandlers } from './agenda/agenda-handlers.js';

export interface AppDeps {
  store: Store;
  config: Config;
  logger: Logger;
  clock: Clock;
  secret: string;
  /** Tests pass a tighter or looser one. */
  askLimiter?: AskLimiter;
  /** The built web app's request handler, mounted after the API; absent in API-only tests. */
  web?: RequestHandler;
  /** With REDIS_URL: the adapter and poll signals shared with the other nodes. Absent: one node alone. */
  cluster?: ClusterLink;
  /** Abuse limits; from the config when absent (tests use small or generous ones). */
  limits?: LimitSettings;
}

export interface JisrApp {
  httpServer: http.Server;
  /** The Express app: the fuzz tests read its routes. */
  express: express.Express;
  io: JisrServer;
  ctx: AppContext;
  /** Listens and resolves with the actual port (useful with port 0). */
  listen(port: number, host?: string): Promise<number>;
  /** Disconnects every socket, stops accepting, and waits for open requests; leaves the store open. */
  close(): Promise<void>;
  /**
   * A graceful stop (SIGTERM, rolling restarts): stops accepting, turns new client events
   * away, lets running ones finish and ack (up to `graceMs`), pushes pending tallies, then
   * drops every connection so clients reconnect (to another node behind the balancer) and
   * closes. Leaves the store open.
   */
  shutdown(graceMs: number): Promise<void>;
}

/** Largest message a client may send: a question is 500 characters; 64 kB leaves room for any payload of v1. */
const MAX_MESSAGE_BYTES = 64 * 1024;

/** How long a dropped socket's missed packets are kept for it (connection state recovery). */
const RECOVERY_WINDOW_MS = 2 * 60 * 1000;

function limitsFromConfig(config: Config): LimitSettings {
  return {
    ...DEFAULT_LIMITS,
    eventsPerSocket: config.EVENTS_PER_10S,
    eventsPerActor: config.EVENTS_PER_10S * 2,
    joinsPerIp: config.JOINS_PER_MINUTE_PER_IP,
    connectionsPerIp: config.CONNECTIONS_PER_IP,
    unknownCodesPerIp: config.UNKNOWN_CODES_PER_10_MIN_PER_IP,
  };
}

/**
 * Counts each waived limit for /metrics and warns in the log, at most once every 10 s per
 * limit: while Redis is away every client event would otherwise add a line.
 */
function bypassReporter(metrics: Metrics, logger: Logger): BypassReporter {
  const lastWarned = new Map<string, number>();
  return (limit, error) => {
    metrics.limitBypassed(limit);
    const now = Date.now();
    if (now - (lastWarned.get(limit) ?? 0) < 10_000) return;
    lastWarned.set(limit, now);
    logger.warn({ limit, reason: error instanceof Error ? error.message : String(error) }, 'limit waived: its store could not be read in time');
  };
}

/** Builds the whole server. main.ts and the tests wire the same app. */
/** `GET /api/events/:code`, the public agenda (event-routes.ts): what every phone fetches. */
const PUBLIC_AGENDA_PATH = /^\/api\/events\/[^/]+$/;

export function createApp(deps: AppDeps): JisrApp {
  const origins = allowedOrigins(deps.config.PUBLIC_URL, deps.config.ALLOWED_ORIGINS);
  const metrics = createMetrics();
  // Every store operation is timed for /metrics; same operations, same errors.
  const store = timedStore(deps.store, metrics);
  const app = express();
  const httpServer = http.createServer(app);
  const io: JisrServer = new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>(
    httpServer,
    {
      maxHttpBufferSize: MAX_MESSAGE_BYTES,
      serveClient: false,
      // No handshake from another site's page (cross-site websocket hijacking); no CORS headers either.
      allowRequest: socketOriginCheck(origins),
      // Long-polling stays on: some venue proxies block websockets.
      transports: ['polling', 'websocket'],
      // A phone whose Wi-Fi drops for up to two minutes gets the packets it missed and
      // keeps its rooms on reconnect (DESIGN.md section 7); after that it rejoins for a snapshot.
      // The handshake check runs again on recovery: an invite revoked while its socket was
      // away must not come back through the recovered session.
      connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: false },
      ...(deps.cluster ? { adapter: deps.cluster.adapter } : {}),
    },
  );
  // Broadcasts go straight to ready websockets, past Engine.IO's per-socket bookkeeping (same
  // bytes on the wire): at 5,000 phones that bookkeeping was 40% of a delivery's CPU.
  leanBroadcasts(io.of('/').adapter);
  const shared = deps.cluster ? { client: deps.cluster.redis, prefix: deps.config.REDIS_PREFIX } : undefined;
  // One reporter for every limit that fails open: its warnings are spaced per limit.
  const onBypass = bypassReporter(metrics, deps.logger);
  const limiters = createLimiters(deps.limits ?? limitsFromConfig(deps.config), shared, onBypass);
  const drain = createDrain();
  attachServices(io, { metrics, limiters, drain, audit: createClientAudit(store, deps.clock, deps.logger) });
  metrics.watchSockets(io);
  const retention = startRetentionSweep(store, deps.clock, deps.logger);
  if (deps.cluster) {
    const cluster = deps.cluster;
    metrics.watchRedis({
      up: async () => (await cluster.problem()) === null,
      failovers: () => cluster.failovers,
      replicas: () => cluster.replicas,
    });
  }
  // The projector decides who hears what; the read cache forgets what each event changed first.
  const reads = createReadCache(store);
  const events = forgettingPublisher(reads, createProjector(io));
  const tallies = createTallyBroadcaster(
    io,
    store,
    { stageMs: deps.config.TALLY_INTERVAL_MS, audienceMs: Math.max(deps.config.TALLY_INTERVAL_MS, deps.config.AUDIENCE_TALLY_INTERVAL_MS) },
    deps.logger,
    deps.cluster?.pollSignals,
    (delay) => metrics.tallyFlushed(delay),
  );
  const stage = createStageMoves(store, events, deps.logger);
  const insights = createInsightsRecorder(io, store, deps.clock, deps.logger);
  const ctx: AppContext = {
    store,
    reads,
    tokens: createTokenService(deps.secret),
    clock: deps.clock,
    config: deps.config,
    logger: deps.logger,
    events,
    askLimiter: deps.askLimiter ?? createAskLimiter(ASKS_PER_MINUTE, shared, onBypass),
    limiters,
    metrics,
    drain,
    isProfane: loadProfanityFilter(),
    tallies,
    pollTimers: createPollTimers(store, events, tallies, stage, deps.logger, deps.cluster?.pollSignals),
    stage,
    insights,
    reactions: createReactionBroadcaster(io, REACTION_BURST_MS, insights, deps.clock, deps.cluster?.reactionSignals),
  };
  // A machine translation makes a question readable in one more language: look for its duplicates again.
  const bridge = createLanguageBridge(deps.config, store, events, metrics.registry, deps.logger, shared, (question) => refreshSimilar(ctx, question));
  if (bridge) ctx.bridge = bridge;

  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(requestLog(deps.logger));
  // Security headers; the pages' Content Security Policy comes from the web app (kit.csp, with nonces).
  // HSTS only where the public address is https: sent over plain http (a venue LAN, a test
  // box) it is meaningless, and behind a TLS proxy later it would pin a name that isn't served.
  app.use(helmet({ contentSecurityPolicy: false, strictTransportSecurity: deps.config.PUBLIC_URL.startsWith('https://') }));
  app.use(healthRoutes(ctx, deps.cluster));
  app.use(metricsRoute(metrics, deps.config.METRICS_TOKEN));
  const api = express.Router();
  api.use(httpOriginCheck(origins));
  // JSON only: nothing in an API answer may load or run anything, nor be framed.
  api.use(helmet.contentSecurityPolicy({ useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } }));
  api.use(express.json({ limit: MAX_MESSAGE_BYTES }));
  api.use(auditHttpWrites(ctx));
  api.use(joinRoutes(ctx));
  api.use(eventRoutes(ctx));
  api.use(authRoutes(ctx));
  api.use(meRoutes(ctx));
  api.use(inviteRoutes(ctx));
  api.use(sessionRoutes(ctx));
  api.use(eventAdminRoutes(ctx));
  // The JSON parser above leaves an image body alone: this route reads it.
  api.use(speakerPhotoRoutes(ctx));
  api.use(agendaRoutes(ctx));
  api.use(insightsRoutes(ctx));
  api.use(auditRoutes(ctx));
  api.use(retentionRoutes(ctx));
  api.use(organizerRoutes(ctx));
  api.use(eventCopyRoutes(ctx));
  api.use(rehearsalRoutes(ctx));
  api.use(setupRoutes(ctx));
  api.use(muteRoutes(ctx));
  api.use(surveyRoutes(ctx));
  api.use(apiNotFound);
  api.use(errorResponder(deps.logger));
  // The pages the server renders and the public agenda go out gzipped (a phone on venue
  // Wi-Fi waits for every byte of the agenda's HTML); the build's files are precompressed
  // already (adapter-node serves the .gz/.br twins), which compression leaves alone.
  const compressed = compression();
  // A middleware, not a route: the authorization matrix lists every route the app serves.
  app.use((req, res, next) => (req.method === 'GET' && PUBLIC_AGENDA_PATH.test(req.path) ? compressed(req, res, next) : next()));
  app.use('/api', api);
  if (deps.web) app.use(compressed, deps.web);
  app.use(errorResponder(deps.logger));

  // Every client event's handler, made once for all sockets (see clientEventListener).
  const onClientEvent = clientEventListener(
    {
      ...sessionHandlers(ctx),
      ...questionHandlers(ctx),
      ...moderationHandlers(ctx),
      ...mergeHandlers(ctx),
      ...pollHandlers(ctx),
      ...answerHandlers(ctx),
      ...stageHandlers(ctx),
      ...agendaHandlers(ctx),
      ...reactionHandlers(ctx),
      ...muteHandlers(ctx),
      ...feedbackHandlers(ctx),
      ...surveyHandlers(ctx),
    },
    deps.logger,
  );
  io.use(socketAuth(ctx));
  io.use(joinOwnedEvents(ctx));
  io.on('connection', (socket) => {
    // A cap on sockets per IP (sized for a whole hall behind one venue NAT).
    const address = clientAddress(socket.handshake.address, socket.handshake.headers['x-forwarded-for']);
    if (!limiters.connectionOpened(address)) {
      socket.disconnect(true);
      return;
    }
    socket.on('disconnect', () => limiters.connectionClosed(address));
    // Socket.IO keeps the handshake's HTTP request for the socket's whole life; the handshake
    // already holds what Jisr reads (address, headers, auth). Dropping it saves each idle
    // attendee its IncomingMessage (Socket.IO's "Memory usage" guide does the same).
    (socket.conn as { request: unknown }).request = null;
    socket.onAny(onClientEvent);
    const { claims } = socket.data;
    // Agenda changes and announcements reach every page of the event, not only session pages.
    if (claims.kind !== 'user') void socket.join(rooms.event(claims.eventId));
    if (claims.kind === 'staff') void socket.join(rooms.invite(claims.inviteId));
  });

  return {
    httpServer,
    express: app,
    io,
    ctx,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      });
    },
    async shutdown(graceMs) {
      drain.begin();
      httpServer.close();
      await drain.idle(graceMs);
      await tallies.flush();
      ctx.reactions.flush();
      await ctx.insights.flush();
      // Closing the transport (not disconnecting the socket) is what tells a Socket.IO
      // client to reconnect; its session can then be recovered on another node.
      for (const socket of io.of('/').sockets.values()) socket.conn.close();
      await this.close();
    },
    async close() {
      ctx.pollTimers.stop();
      ctx.bridge?.questions.stop();
      ctx.bridge?.retries.stop();
      retention.stop();
      ctx.tallies.stop();
      ctx.reactions.stop();
      ctx.insights.stop();
      await ctx.insights.flush();
      // io.close() disconnects every socket and closes the HTTP server it is attached to.
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
    },
  };
}
