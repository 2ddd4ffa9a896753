import { parseArgs } from 'node:util';

/** Bad usage: the message, then the help, on stderr; exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Every option any command takes (parseArgs wants them all up front); each command says which are its own. */
const OPTIONS = {
  email: { type: 'string' },
  name: { type: 'string' },
  password: { type: 'string' },
  out: { type: 'string' },
  code: { type: 'string' },
  yes: { type: 'boolean' },
  'data-dir': { type: 'string' },
  'redis-url': { type: 'string' },
  'redis-prefix': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type OptionName = keyof typeof OPTIONS;

/** Options every command takes: where the store is. */
const STORE_OPTIONS: readonly OptionName[] = ['data-dir', 'redis-url', 'redis-prefix'];

interface CommandSpec {
  /** Names of the positional arguments after the command's words. */
  args: readonly string[];
  options: readonly OptionName[];
  required?: readonly OptionName[];
}

export const COMMANDS = {
  'organizer create': { args: [], options: ['email', 'name', 'password'], required: ['email'] },
  'organizer reset-password': { args: [], options: ['email', 'password'], required: ['email'] },
  'events list': { args: [], options: [] },
  export: { args: ['CODE'], options: ['out'] },
  import: { args: ['FILE'], options: ['code'] },
  purge: { args: ['CODE'], options: ['yes'] },
  migrate: { args: [], options: [] },
  help: { args: [], options: [] },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

export interface StoreFlags {
  dataDir?: string;
  redisUrl?: string;
  redisPrefix?: string;
}

export interface Invocation {
  command: CommandName;
  /** The positional arguments, by the names the command gives them. */
  args: Record<string, string>;
  options: { email?: string; name?: string; password?: string; out?: string; code?: string; yes: boolean };
  store: StoreFlags;
}

function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

/** The command line (without `node main.js`) as an Invocation, or a UsageError saying what is wrong. */
export function parseCommandLine(argv: readonly string[]): Invocation {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help === true || positionals[0] === 'help' || positionals[0] === '--help') {
    return { command: 'help', args: {}, options: { yes: false }, store: {} };
  }
  const [first, second] = positionals;
  if (first === undefined) throw new UsageError('no command given');
  const twoWords = `${first} ${second ?? ''}`;
  const command = isCommand(twoWords) ? twoWords : isCommand(first) ? first : undefined;
  if (command === undefined) {
    const known = first === 'organizer' || first === 'events';
    throw new UsageError(known ? `unknown ${first} command: ${second ?? '(none)'}` : `unknown command: ${first}`);
  }
  const spec: CommandSpec = COMMANDS[command];
  const rest = positionals.slice(command.split(' ').length);
  if (rest.length !== spec.args.length) {
    const wanted = spec.args.length === 0 ? 'no arguments' : spec.args.join(' ');
    throw new UsageError(`${command} takes ${wanted}, got ${rest.length === 0 ? 'none' : rest.join(' ')}`);
  }
  for (const option of Object.keys(values)) {
    const name = option as OptionName;
    if (name !== 'help' && !spec.options.includes(name) && !STORE_OPTIONS.includes(name)) {
      throw new UsageError(`${command} takes no --${name}`);
    }
  }
  for (const name of spec.required ?? []) {
    if (values[name] === undefined) throw new UsageError(`${command} needs --${name}`);
  }
  return {
    command,
    args: Object.fromEntries(spec.args.map((name, index) => [name, rest[index] ?? ''])),
    options: {
      ...(values.email === undefined ? {} : { email: values.email }),
      ...(values.name === undefined ? {} : { name: values.name }),
      ...(values.password === undefined ? {} : { password: values.password }),
      ...(values.out === undefined ? {} : { out: values.out }),
      ...(values.code === undefined ? {} : { code: values.code }),
      yes: values.yes === true,
    },
    store: {
      ...(values['data-dir'] === undefined ? {} : { dataDir: values['data-dir'] }),
      ...(values['redis-url'] === undefined ? {} : { redisUrl: values['redis-url'] }),
      ...(values['redis-prefix'] === undefined ? {} : { redisPrefix: values['redis-prefix'] }),
    },
  };
}
