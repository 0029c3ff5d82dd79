// Phases from a command's output, as they happen (docs/runner-phase-protocol.md):
//   ##runboard phase start name="Kind cluster + CRDs" [parent="..."] [group="..."]
//   ##runboard phase end name="Kind cluster + CRDs" status=passed [peakMemoryMb=2150]
// and, for suites that cannot print those, a template's regex patterns on
// their own lines (e.g. "📦 PHASE 1: Building images..."). Pure: lines in,
// phase updates (the record-phases payload) out.
import { z } from "zod";
import type { PhaseInput } from "@/lib/schemas/phases";

/** A run template's phase pattern; `runboard exec --phase-patterns FILE` reads the same JSON array. */
export const phasePatternSchema = z
  .object({
    /** JavaScript regular expression matched against each output line */
    pattern: z.string().min(1).max(500),
    /** name of the phase this line starts (may use $1..$9 from the pattern) */
    start: z.string().min(1).max(200).optional(),
    /** name of the phase this line ends */
    end: z.string().min(1).max(200).optional(),
    status: z.enum(["passed", "failed"]).default("passed"),
    parent: z.string().min(1).max(200).optional(),
    group: z.string().min(1).max(100).optional(),
  })
  .superRefine((p, ctx) => {
    try {
      new RegExp(p.pattern);
    } catch (e) {
      ctx.addIssue({ code: "custom", path: ["pattern"], message: `not a valid regular expression: ${(e as Error).message}` });
    }
    if (!p.start === !p.end) ctx.addIssue({ code: "custom", path: ["start"], message: "give exactly one of start or end" });
  });
export type PhasePattern = z.infer<typeof phasePatternSchema>;

const PREFIX = "##runboard ";
const MAX_LINE = 4096;
type Status = "passed" | "failed" | "skipped" | "cancelled";
const END_STATUSES = new Set<Status>(["passed", "failed", "skipped", "cancelled"]);

/** key=value and key="quoted \"value\"" pairs. */
export function parseAttributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([A-Za-z][A-Za-z0-9_]*)=(?:"((?:[^"\\]|\\.)*)"|(\S+))/g;
  for (const m of text.matchAll(re)) out[m[1]] = m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : m[3];
  return out;
}

export type ProtocolEvent =
  | { kind: "start"; name: string; parent?: string; group?: string }
  | { kind: "end"; name: string; status: Status; attributes: Record<string, string | number> };

/** A ##runboard protocol line, or null for any other line (and for malformed ones). */
export function parseProtocolLine(line: string): ProtocolEvent | null {
  const at = line.indexOf(PREFIX);
  if (at < 0) return null;
  const m = /^phase (start|end)\s+(.*)$/.exec(line.slice(at + PREFIX.length).trim());
  if (!m) return null;
  const { name, parent, group, status, ...rest } = parseAttributes(m[2]);
  if (!name || name.length > 200) return null;
  if (m[1] === "start") return { kind: "start", name, parent: parent || undefined, group: group || undefined };
  const attributes: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(rest)) attributes[k] = /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v.slice(0, 1000);
  return { kind: "end", name, status: END_STATUSES.has(status as Status) ? (status as Status) : "passed", attributes };
}

interface Open {
  name: string;
  startedAt: string;
  parent?: string;
  group?: string;
  fromPattern: boolean;
}

/**
 * Turns output lines into phase updates. Pattern-started top-level phases run
 * one after another: starting the next ends the previous one as passed.
 */
export class PhaseTracker {
  private open = new Map<string, Open>();
  private known = new Set<string>();
  private patterns: { re: RegExp; p: PhasePattern }[];

  constructor(patterns: PhasePattern[] = [], private now: () => Date = () => new Date()) {
    this.patterns = patterns.map((p) => ({ re: new RegExp(p.pattern), p }));
  }

  /** Phase updates caused by one line of output (usually none). */
  line(raw: string): PhaseInput[] {
    const trimmed = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    const line = trimmed.length > MAX_LINE ? trimmed.slice(0, MAX_LINE) : trimmed;
    const ev = parseProtocolLine(line);
    if (ev) return ev.kind === "start" ? this.start(ev.name, ev.parent, ev.group, false) : this.end(ev.name, ev.status, ev.attributes);
    const out: PhaseInput[] = [];
    for (const { re, p } of this.patterns) {
      const m = re.exec(line);
      if (!m) continue;
      const sub = (s: string) => s.replace(/\$(\d)/g, (_, d) => m[Number(d)] ?? "").trim().slice(0, 200);
      if (p.start) {
        const name = sub(p.start);
        if (!name) continue;
        if (!p.parent) {
          for (const o of [...this.open.values()]) if (o.fromPattern && !o.parent && o.name !== name) out.push(...this.end(o.name, "passed", {}));
        }
        out.push(...this.start(name, p.parent, p.group, true));
      } else if (p.end) {
        const name = sub(p.end);
        if (name) out.push(...this.end(name, p.status, {}));
      }
    }
    return out;
  }

  /** Close what is still open (end of the command): passed on success, else failed/cancelled. */
  closeAll(status: "passed" | "failed" | "cancelled"): PhaseInput[] {
    const out: PhaseInput[] = [];
    // children first, so a parent never ends before its children
    const open = [...this.open.values()].sort((a, b) => Number(!!b.parent) - Number(!!a.parent));
    for (const o of open) {
      // a pattern phase still open at a clean exit simply lasted until the end
      out.push(...this.end(o.name, status, {}));
    }
    return out;
  }

  get openPhases(): string[] {
    return [...this.open.keys()];
  }

  private start(name: string, parent: string | undefined, group: string | undefined, fromPattern: boolean): PhaseInput[] {
    if (this.open.has(name)) return [];
    const validParent = parent && this.known.has(parent) && parent !== name ? parent : undefined;
    const o: Open = { name, startedAt: this.now().toISOString(), parent: validParent, group, fromPattern };
    this.open.set(name, o);
    this.known.add(name);
    return [{ name, startedAt: o.startedAt, status: "running", parent: o.parent, group }];
  }

  private end(name: string, status: Status, attributes: Record<string, string | number>): PhaseInput[] {
    const o = this.open.get(name);
    const finishedAt = this.now().toISOString();
    if (!o) {
      // an end without a start: a zero-length phase, so the outcome is not lost
      if (this.known.has(name)) return [];
      this.known.add(name);
      return [{ name, startedAt: finishedAt, finishedAt, status, attributes: Object.keys(attributes).length ? attributes : undefined }];
    }
    this.open.delete(name);
    return [{
      name, startedAt: o.startedAt, finishedAt, status, parent: o.parent, group: o.group,
      attributes: Object.keys(attributes).length ? attributes : undefined,
    }];
  }
}
