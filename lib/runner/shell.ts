// Building the remote command: a template's placeholders ({mode}, {branch},
// ...) are replaced by POSIX single-quoted values, so no value can end the
// word it is in, start another command, expand a variable or glob. Quoting
// alone does not stop the program that receives the word from interpreting
// it, so values are checked first (template-params.ts) and placeholders must
// stand as whole words (template-words.ts). The template itself is written by
// a lead or admin and is trusted shell.
import { type TemplateParams, checkParams } from "@/lib/runner/template-params";

/** One POSIX shell word holding exactly `value`. */
export function shellQuote(value: string): string {
  if (value.includes("\0")) throw new Error("a shell argument cannot contain a NUL character");
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export const PLACEHOLDER = /\{([a-zA-Z][a-zA-Z0-9_]{0,39})\}/g;

/**
 * The command with every placeholder replaced by its quoted value. The
 * template and every value are checked first (checkParams: a 422 naming what
 * is wrong), so nothing unchecked is ever substituted.
 */
export function renderCommand(t: { command: string; declared: TemplateParams; focus?: string }, values: Record<string, string>): string {
  const checked = checkParams({ command: t.command, declared: t.declared, values, focus: t.focus });
  return t.command.replace(PLACEHOLDER, (_, name: string) => shellQuote(checked[name]));
}

/**
 * The whole remote command line. setsid -w makes the command lead its own
 * process group (its pgid is printed first, so cancel and timeout can kill the
 * whole tree) and still waits for it, so the exit status reaches us.
 * setsid's own stderr goes nowhere: when cancel or timeout kill the group it
 * says "setsid: child N did not exit normally: Success", which is not the
 * job's output (the exit status still tells). The command's stderr is kept on
 * fd 3 and restored first thing.
 */
export function remoteScript(command: string, workingDir: string | null, marker: string): string {
  const cd = workingDir ? `cd -- ${shellQuote(workingDir)} || exit 97; ` : "";
  const inner = `exec 2>&3 3>&-; echo "${marker} $$"; ${cd}${command}`;
  return `exec 3>&2; exec setsid -w /bin/sh -c ${shellQuote(inner)} 2>/dev/null`;
}
