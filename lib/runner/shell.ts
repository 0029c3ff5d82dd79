// Building the remote command: a template's placeholders ({mode}, {branch},
// ...) are replaced by POSIX single-quoted values, so no value can end the
// word it is in, start another command, expand a variable or glob. The
// template itself is written by a lead or admin and is trusted shell.

/** One POSIX shell word holding exactly `value`. */
export function shellQuote(value: string): string {
  if (value.includes("\0")) throw new Error("a shell argument cannot contain a NUL character");
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export const PLACEHOLDER = /\{([a-zA-Z][a-zA-Z0-9_]{0,39})\}/g;

/** Placeholder names a template uses, in order of first appearance. */
export function templatePlaceholders(command: string): string[] {
  return [...new Set([...command.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** Placeholders written inside quotes would get the quotes twice: refuse such templates. */
export function quotedPlaceholder(command: string): string | null {
  const m = /(["'])[^"']*\{[a-zA-Z][a-zA-Z0-9_]*\}[^"']*\1/.exec(command);
  return m ? m[0] : null;
}

export function renderCommand(command: string, params: Record<string, string>): string {
  return command.replace(PLACEHOLDER, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`missing value for {${name}}`);
    return shellQuote(v);
  });
}

/**
 * The whole remote command line. setsid -w makes the command lead its own
 * process group (its pgid is printed first, so cancel and timeout can kill the
 * whole tree) and still waits for it, so the exit status reaches us.
 */
export function remoteScript(command: string, workingDir: string | null, marker: string): string {
  const cd = workingDir ? `cd -- ${shellQuote(workingDir)} || exit 97; ` : "";
  const inner = `echo "${marker} $$"; ${cd}${command}`;
  return `exec setsid -w /bin/sh -c ${shellQuote(inner)}`;
}
