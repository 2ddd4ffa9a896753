/** Where a command writes: results to stdout, progress and errors to stderr (so `export > file` stays clean). */
export interface CliIo {
  /** One result line (or a whole document) on stdout. */
  out(text: string): void;
  /** One progress line on stderr, prefixed `jisr: `. */
  progress(line: string): void;
}

export const processIo: CliIo = {
  out: (text) => {
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  },
  progress: (line) => {
    process.stderr.write(`jisr: ${line}\n`);
  },
};
