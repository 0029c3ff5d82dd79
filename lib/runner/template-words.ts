// Where a template's placeholders stand, read the way a POSIX shell reads the
// command: quotes, $'…', $(…), `…`, ${…}, comments and here-documents are
// found first, then the top level is split into words and operators. A
// placeholder is accepted only as one whole word ({x}) or as the whole value of
// a KEY={x} / --option={x} word, in argument position, outside any quoting,
// substitution, here-document or redirection. Anything else is refused at save
// time and again before a run starts (docs/runner-security.md).
// Pure: text in, problems out.

const PLACEHOLDER_AT = /^\{([a-zA-Z][a-zA-Z0-9_]{0,39})\}/;
/** `{x}`, `NAME={x}` (shell or make variable), `--option={x}` / `-o={x}` */
const WHOLE_WORD = /^(?:(?:[A-Za-z_][A-Za-z0-9_]*|--?[A-Za-z0-9][A-Za-z0-9_.-]*)=)?\{[a-zA-Z][a-zA-Z0-9_]{0,39}\}$/;
const RESERVED = new Set(["if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!", "{", "}", "time"]);
const ARG_RESERVED = new Set(["for", "case", "in", "esac"]);
const REDIRECT = new Set(["<", ">", ">>", "<&", ">&", "<>", ">|", "<<", "<<-"]);
const OPERATORS = ["<<-", "&&", "||", ";;", "<<", ">>", "<&", ">&", "<>", ">|", ";", "&", "|", "(", ")", "<", ">"];

type Token = { kind: "word"; start: number; end: number } | { kind: "op"; text: string; start: number } | { kind: "newline"; start: number };

export interface PlaceholderProblem {
  placeholder: string;
  message: string;
}

class Scanner {
  /** context label of every character inside a quoted or nested construct */
  readonly ctx: (string | undefined)[];
  readonly tokens: Token[] = [];
  private heredocs: { delim: string; strip: boolean }[] = [];

  constructor(readonly s: string) {
    this.ctx = new Array(s.length);
  }

  fail(what: string): never {
    throw new Error(`the command has ${what}`);
  }

  paint(from: number, to: number, label: string) {
    for (let i = from; i < to; i++) this.ctx[i] ??= label;
  }

  /** end (exclusive) of '…' starting at the quote */
  single(i: number): number {
    const j = this.s.indexOf("'", i + 1);
    if (j < 0) this.fail("an unterminated single quote");
    return j + 1;
  }

  /** end of $'…' starting at the $ */
  dollarSingle(i: number): number {
    for (let j = i + 2; j < this.s.length; j++) {
      if (this.s[j] === "\\") j++;
      else if (this.s[j] === "'") return j + 1;
    }
    this.fail("an unterminated $'…' quote");
  }

  /** end of "…" starting at the quote */
  double(i: number): number {
    for (let j = i + 1; j < this.s.length; ) {
      const c = this.s[j];
      if (c === "\\") j += 2;
      else if (c === '"') return j + 1;
      else if (c === "`") j = this.backtick(j);
      else if (c === "$" && (this.s[j + 1] === "(" || this.s[j + 1] === "{")) j = this.nested(j + 1);
      else j++;
    }
    this.fail("an unterminated double quote");
  }

  backtick(i: number): number {
    for (let j = i + 1; j < this.s.length; j++) {
      if (this.s[j] === "\\") j++;
      else if (this.s[j] === "`") return j + 1;
    }
    this.fail("an unterminated backquote");
  }

  /** end of (…) or {…} starting at the bracket, quotes and nesting respected */
  nested(i: number): number {
    const open = this.s[i];
    const close = open === "(" ? ")" : "}";
    let depth = 0;
    for (let j = i; j < this.s.length; ) {
      const c = this.s[j];
      if (c === "\\") j += 2;
      else if (c === "'") j = this.single(j);
      else if (c === '"') j = this.double(j);
      else if (c === "`") j = this.backtick(j);
      else {
        if (c === open) depth++;
        else if (c === close && --depth === 0) return j + 1;
        j++;
      }
    }
    this.fail(`an unterminated $${open}…${close}`);
  }

  /** the here-documents queued on this line: their bodies follow the newline at `i` */
  bodies(i: number): number {
    let j = i + 1;
    for (const h of this.heredocs) {
      const from = j;
      for (;;) {
        if (j >= this.s.length) this.fail(`a here-document without its closing ${h.delim} line`);
        const nl = this.s.indexOf("\n", j);
        const end = nl < 0 ? this.s.length : nl;
        const line = this.s.slice(j, end);
        j = end + 1;
        if ((h.strip ? line.replace(/^\t+/, "") : line) === h.delim) break;
      }
      this.paint(from, Math.min(j, this.s.length), "a here-document");
    }
    this.heredocs = [];
    return j;
  }

  scan(): this {
    const s = this.s;
    let word = -1; // start of the current word
    const endWord = (at: number) => {
      if (word >= 0) this.tokens.push({ kind: "word", start: word, end: at });
      word = -1;
    };
    for (let i = 0; i < s.length; ) {
      const c = s[i];
      if (c === " " || c === "\t") { endWord(i); i++; continue; }
      if (c === "\n") {
        endWord(i);
        this.queueHeredocs();
        this.tokens.push({ kind: "newline", start: i });
        i = this.heredocs.length ? this.bodies(i) : i + 1;
        continue;
      }
      if (c === "#" && word < 0) {
        const nl = s.indexOf("\n", i);
        const end = nl < 0 ? s.length : nl;
        this.paint(i, end, "a comment");
        i = end;
        continue;
      }
      const op = OPERATORS.find((o) => s.startsWith(o, i));
      if (op) {
        endWord(i);
        this.tokens.push({ kind: "op", text: op, start: i });
        i += op.length;
        continue;
      }
      if (word < 0) word = i;
      let end = i + 1;
      let label: string | null = null;
      if (c === "\\") end = i + 2;
      else if (c === "'") [end, label] = [this.single(i), "single quotes"];
      else if (c === '"') [end, label] = [this.double(i), "double quotes"];
      else if (c === "`") [end, label] = [this.backtick(i), "a backquoted command substitution"];
      else if (c === "$" && s[i + 1] === "'") [end, label] = [this.dollarSingle(i), "$'…' quotes"];
      else if (c === "$" && s[i + 1] === "(") [end, label] = [this.nested(i + 1), "a $(…) substitution"];
      else if (c === "$" && s[i + 1] === "{") [end, label] = [this.nested(i + 1), "a ${…} expansion"];
      if (label) this.paint(i, end, label);
      i = end;
    }
    endWord(s.length);
    this.queueHeredocs();
    if (this.heredocs.length) this.fail(`a here-document without its closing ${this.heredocs[0].delim} line`);
    return this;
  }

  /** here-document operators seen on the line just ended, in order */
  private queued = 0;
  private queueHeredocs() {
    for (let k = this.queued; k < this.tokens.length; k++) {
      const t = this.tokens[k];
      if (t.kind === "op" && (t.text === "<<" || t.text === "<<-")) {
        const next = this.tokens[k + 1];
        if (next?.kind !== "word") this.fail("a here-document operator without a delimiter");
        this.heredocs.push({ delim: this.s.slice(next.start, next.end).replace(/["'\\]/g, ""), strip: t.text === "<<-" });
      }
    }
    this.queued = this.tokens.length;
  }
}

/** Words that are redirection operands, and words that name the command to run. */
function roles(sc: Scanner): Map<Token, "redirect" | "command"> {
  const out = new Map<Token, "redirect" | "command">();
  let commandPos = true;
  let afterRedirect = false;
  sc.tokens.forEach((t, k) => {
    const next = sc.tokens[k + 1];
    if (t.kind !== "word") {
      afterRedirect = t.kind === "op" && REDIRECT.has(t.text);
      if (!afterRedirect) commandPos = true;
      return;
    }
    const text = sc.s.slice(t.start, t.end);
    // "2>file": the digits are the redirection's file descriptor, not a word
    if (/^[0-9]+$/.test(text) && next?.kind === "op" && next.start === t.end && REDIRECT.has(next.text)) return;
    if (afterRedirect) {
      out.set(t, "redirect");
      afterRedirect = false;
    } else if (commandPos) {
      if (RESERVED.has(text) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(text)) return;
      if (ARG_RESERVED.has(text)) { commandPos = false; return; }
      out.set(t, "command");
      commandPos = false;
    }
  });
  return out;
}

/**
 * Problems with the placeholders of a template command, one per offending
 * placeholder occurrence; empty when every placeholder stands as a whole word.
 */
export function placeholderProblems(command: string): PlaceholderProblem[] {
  let sc: Scanner;
  try {
    sc = new Scanner(command).scan();
  } catch (e) {
    return [{ placeholder: "", message: (e as Error).message }];
  }
  const role = roles(sc);
  const problems: PlaceholderProblem[] = [];
  for (let i = command.indexOf("{"); i >= 0; i = command.indexOf("{", i + 1)) {
    const m = PLACEHOLDER_AT.exec(command.slice(i));
    if (!m) continue;
    const p = m[0];
    const where = sc.ctx[i];
    if (where) {
      problems.push({ placeholder: p, message: `${p} is inside ${where}; a placeholder must stand as a whole, unquoted shell word (its value is quoted for you)` });
      continue;
    }
    const t = sc.tokens.find((w) => w.kind === "word" && w.start <= i && i < w.end) as Extract<Token, { kind: "word" }> | undefined;
    const text = t ? command.slice(t.start, t.end) : p;
    if (!t || !WHOLE_WORD.test(text)) {
      problems.push({ placeholder: p, message: `${p} is part of the word ${text}; a placeholder must be a whole word, or the whole value of NAME=${p} or --option=${p}` });
    } else if (role.get(t) === "redirect") {
      problems.push({ placeholder: p, message: `${p} is a redirection target; the files a template reads and writes must be fixed in the template` });
    } else if (role.get(t) === "command") {
      problems.push({ placeholder: p, message: `${p} names the command to run; the program must be fixed in the template` });
    }
  }
  return problems;
}
