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
