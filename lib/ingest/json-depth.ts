// How deep a JSON text nests, found by one iterative pass over the raw text
// before JSON.parse: JSON.parse, zod and every other walker recurse, so a body
// nested thousands deep blocks the event loop for seconds or overflows the
// stack. Brackets inside strings do not count (escapes honoured).
import { AppError } from "@/lib/errors";

/** Deepest nesting of objects and arrays accepted in any JSON body or JSON report. */
export const MAX_JSON_DEPTH = 64;

/** Offset of the bracket that nests deeper than `max`, or -1 when the text stays within it. */
export function jsonDepthExceededAt(text: string, max = MAX_JSON_DEPTH): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return i;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return -1;
}

/** Throws 400 bad_request when `text` nests deeper than MAX_JSON_DEPTH; `what` names the body or part. */
export function assertJsonDepth(text: string, what = "The body"): void {
  const at = jsonDepthExceededAt(text);
  if (at < 0) return;
  throw new AppError("bad_request", `${what} nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels`, {
    maxDepth: MAX_JSON_DEPTH,
    position: at,
  });
}
