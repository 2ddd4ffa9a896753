import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../config.js';
import { parseCommandLine, UsageError, type Invocation } from './args.js';
import { cliConfig, openCliStore } from './cli-store.js';
import { confirmPurge, exportEvent, importEvent, listEvents, purgeEvent } from './event-commands.js';
import { HELP } from './help.js';
import { processIo, type CliIo } from './io.js';
import { migrate } from './migrate-command.js';
import { createOrganizer, resetPassword } from './organizer-commands.js';

/** `pnpm jisr <command>`: the administrator's tool (help.ts). Exit codes: 0 done, 1 failed, 2 bad usage. */

const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

/** How long the process may linger after its work (a connection closing) before it exits anyway. */
const EXIT_GRACE_MS = 5000;

async function runCommand(invocation: Invocation, io: CliIo): Promise<void> {
  const serverDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const config = cliConfig(process.env, invocation.store, serverDir);
  const { command, args, options } = invocation;
  if (command === 'migrate') return migrate(config, io);
  // Refused before the store is even opened.
  if (command === 'purge') confirmPurge(args.CODE ?? '', options.yes);
  const opened = await openCliStore(config);
  try {
    switch (command) {
      case 'organizer create':
        return await createOrganizer(opened.store, { ...options, email: options.email ?? '' }, io);
      case 'organizer reset-password':
        return await resetPassword(opened.store, { ...options, email: options.email ?? '' }, io);
      case 'events list':
        return await listEvents(opened.store, io);
      case 'export':
        return await exportEvent(opened, args.CODE ?? '', options.out, io);
      case 'import':
        return await importEvent(opened, args.FILE ?? '', options.code, io);
      case 'purge':
        return await purgeEvent(opened, args.CODE ?? '', io);
      case 'help':
        io.out(HELP);
        return;
    }
  } finally {
    await opened.store.close();
  }
}

/** One line, whatever the error: operators grep logs. */
function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\n\s*/g, ' ').trim();
}

export async function run(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  try {
    const invocation = parseCommandLine(argv);
    if (invocation.command === 'help') {
      io.out(HELP);
      return EXIT_OK;
    }
    await runCommand(invocation, io);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`jisr: ${oneLine(error)}\n\n${HELP}`);
      return EXIT_USAGE;
    }
    // ConfigError messages already say "Bad configuration: ...".
    process.stderr.write(error instanceof ConfigError ? `${oneLine(error)}\n` : `jisr: ${oneLine(error)}\n`);
    return EXIT_FAILED;
  }
}

const code = await run(process.argv.slice(2));
process.exitCode = code;
// Normally the process ends here by itself; a connection that lingers must not keep it.
setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
