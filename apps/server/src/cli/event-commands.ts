import fs from 'node:fs/promises';
import { contentFallbacks, pickText } from '@jisr/core/localize';
import type { EventDump } from '@jisr/protocol/event-dump';
import { checkDump, dumpSummary } from '@jisr/store/event-dump';
import type { EventRecord, Store } from '@jisr/store/store';
import { hashPassword } from '../auth/passwords.js';
import { cleanInput } from '../input/typed-input.js';
import { UsageError } from './args.js';
import type { CliStore } from './cli-store.js';
import type { CliIo } from './io.js';
import { generatePassword } from './organizer-commands.js';

/** `events list`, `export`, `import`, `purge`: events as a whole, for backups and moves. */

async function eventByCode(store: Store, code: string): Promise<EventRecord> {
  const event = await store.getEventByCode(code);
  if (!event) throw new Error(`no event with join code ${code.toUpperCase()}`);
  return event;
}

function title(event: EventRecord): string {
  return pickText(event.title, event.defaultLang, contentFallbacks(event));
}

export async function listEvents(store: Store, io: CliIo): Promise<void> {
  const events = await store.listEvents();
  if (events.length === 0) {
    io.progress('no events');
    return;
  }
  const rows = events.map((event) => [event.code, event.id, `${event.startDate}..${event.endDate}`, title(event)]);
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  for (const row of rows) io.out(row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd());
}

function kilobytes(text: string): string {
  return `${(Buffer.byteLength(text) / 1000).toFixed(1)} kB`;
}

export async function exportEvent(opened: CliStore, code: string, out: string | undefined, io: CliIo): Promise<void> {
  const event = await eventByCode(opened.store, code);
  io.progress(`exporting ${event.code} (${event.id}) from ${opened.where}`);
  const started = Date.now();
  const dump = await opened.store.exportEvent(event.id);
  io.progress(`read ${dumpSummary(dump)} in ${Date.now() - started} ms`);
  const text = `${JSON.stringify(dump, null, 2)}\n`;
  if (out === undefined) {
    io.out(text);
    return;
  }
  // Only the owner may read it: a dump holds participants' keys and the owner's email.
  await fs.writeFile(out, text, { mode: 0o600 });
  io.progress(`wrote ${out} (${kilobytes(text)})`);
}

async function readDump(file: string): Promise<unknown> {
  let text: string;
  try {
    text = file === '-' ? await readStdin() : await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

export async function importEvent(opened: CliStore, file: string, newCode: string | undefined, io: CliIo): Promise<void> {
  const options = newCode === undefined ? {} : { code: newCode };
  // Checked here first, so a bad file is reported before anything is opened or written. Its
  // texts take the clean-up every typed text gets on the way in (a dump is a file anyone can
  // edit, or one written before the clean-up existed): for a dump Jisr wrote, nothing changes.
  const cleaned = cleanInput(await readDump(file));
  if (!cleaned.ok) throw new Error(`${file}: ${cleaned.field} has nothing readable in it`);
  const { dump, code } = checkDump(cleaned.value, options);
  io.progress(`read ${file}: event ${dump.event.code} (${dump.event.id}): ${dumpSummary(dump)}`);
  const { store } = opened;
  const owner = await store.getUserByEmail(dump.owner.email);
  // A dump has no password hash: an owner new to this store gets a new password, printed once.
  const password = owner ? undefined : generatePassword();
  io.progress(`importing into ${opened.where} as ${code}${owner ? `, owned by ${owner.email}` : ''}`);
  const started = Date.now();
  const result = await store.importEvent(dump satisfies EventDump, {
    ...options,
    ...(password === undefined ? {} : { ownerPasswordHash: await hashPassword(password) }),
  });
  io.progress(`imported in ${Date.now() - started} ms`);
  io.out(`imported ${result.event.code} (${result.event.id})`);
  if (result.ownerCreated && password !== undefined) {
    io.out(`organizer created: ${dump.owner.email}`);
    io.out(`password: ${password}`);
  }
}

/** A purge cannot be undone: it must be asked for with --yes (checked before the store is opened). */
export function confirmPurge(code: string, yes: boolean): void {
  if (!yes) throw new UsageError(`purge deletes event ${code.toUpperCase()} and everything in it: add --yes (and export it first)`);
}

export async function purgeEvent(opened: CliStore, code: string, io: CliIo): Promise<void> {
  const event = await eventByCode(opened.store, code);
  io.progress(`purging ${event.code} (${event.id}) from ${opened.where}`);
  await opened.store.deleteEvent(event.id);
  io.out(`purged ${event.code} (${event.id})`);
}
