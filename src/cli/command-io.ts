/** Where a CLI command writes; tests capture it, the real CLI writes to the process's streams. */
export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Exit codes that mean something to scripts. */
export const EXIT = Object.freeze({
  ok: 0,
  /** The command ran and failed (e.g. a delivery error, an eval file with a bad row). */
  failure: 1,
  /** The command line was wrong: unknown verb or option, missing argument. */
  usage: 2,
  /** The configuration (environment / .env) is wrong; the message names the variable. */
  config: 3,
  /** The database could not be opened or migrated. */
  database: 4,
});

/**
 * The process's own streams, for the real CLI. A reader that goes away early (`linli tickets | head
 * -1`) is not a failure of the command: after EPIPE the rest of its output is dropped quietly and the
 * command ends as it would have (exit 0), instead of dying of an unhandled 'error' event with a stack
 * trace. The process is not exited from the error handler: `process.exit()` while the TypeScript
 * loader's thread is still loading a module can hang the process for good.
 */
export function processIo(): CommandIo {
  let readerGone = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (readerGone) return;
    readerGone = true;
    if (error.code === 'EPIPE') return;
    process.stderr.write(`linli: cannot write to standard output: ${error.message}\n`);
    process.exitCode = EXIT.failure;
  });
  return {
    stdout: (text) => {
      if (!readerGone) process.stdout.write(text);
    },
    stderr: (text) => void process.stderr.write(text),
  };
}
