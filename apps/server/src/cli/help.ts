/** The text `jisr help` prints (and bad usage prints on stderr). */
export const HELP = `Usage: pnpm jisr <command> [options]
       (or: node apps/server/dist/cli/main.js <command> [options])

Administers the store the server uses: the same environment (DATA_DIR, REDIS_URL,
REDIS_PREFIX), or the flags below. Servers may keep running meanwhile.

Commands:
  organizer create --email E [--name N] [--password P]
                          make an organizer account; prints a generated password if none given
  organizer reset-password --email E [--password P]
                          set a new password; prints it when generated
  events list             every event: join code, id, dates, title
  export <CODE> [--out FILE]
                          the event with everything in it, as JSON (stdout by default)
  import <FILE> [--code NEWCODE]
                          recreate an exported event, ids kept ("-" reads stdin); refuses when
                          its id or join code exists here, unless --code gives a new code
  purge <CODE> --yes      delete the event and everything in it (export it first)
  migrate                 bring the SQLite schema up to date, or check that Redis answers
  help                    this text

Store options (override the environment):
  --data-dir DIR          the SQLite store in DIR/jisr.db (even when REDIS_URL is set)
  --redis-url URL         the Redis store at URL
  --redis-prefix P        its key prefix (default: REDIS_PREFIX, else jisr)

Progress goes to stderr, results to stdout. Exit codes: 0 done, 1 failed, 2 bad usage.

Move an event from SQLite to Redis:
  pnpm jisr export DEMO --out demo.json
  REDIS_URL=redis://127.0.0.1:6379 pnpm jisr import demo.json
`;
