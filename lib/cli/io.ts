// Output and failure types shared by the CLI commands. Commands write through
// an Io rather than console so that the exit-code mapping lives in one place
// (main.ts) and helpers stay testable without spawning a process.

export interface Io {
  /** results: the summary, the token, --json output */
  out(text: string): void;
  /** progress, notes, warnings and errors */
  err(text: string): void;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
};

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** The command line is wrong (exit 2): bad or missing options, no matching files. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

/** The command was fine but failed (exit 1): server refusal, database problem. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliError";
  }
}

/** Environment variables as the CLI reads them (process.env, or a test's plain object). */
export type EnvVars = Readonly<Record<string, string | undefined>>;

/** Empty strings count as unset, as in lib/env.ts (CI templating leaves them behind). */
export function envValue(env: EnvVars, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
