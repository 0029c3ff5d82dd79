// saxes buffers a whole text node or CDATA section in its private `text`
// field before emitting it, so one 50 MB CDATA <system-out> would sit in
// memory in full although only 64 KB of it is kept. Between writes we hand
// what it has buffered so far to the builder (which keeps or drops it) and
// empty the buffer. This reaches into saxes internals, which is why the
// package is pinned to an exact version; if they ever look different the
// drain turns itself off and parsing still works, just with more memory.
import type { SaxesParser } from "saxes";
import type { JunitBuilder } from "./junit-builder";

// State numbers from saxes 6.0.0 (lib/saxes.ts).
const S_TEXT = 13;
const S_ENTITY = 14;
const S_COMMENT = 17;
const S_COMMENT_ENDED = 19;
const S_CDATA = 20;
const S_CDATA_ENDING_2 = 22;

const DRAIN_AT = 256 * 1024;

interface SaxesInternals {
  text?: unknown;
  state?: unknown;
  entityReturnState?: unknown;
}

export function saxesTextDrain(parser: SaxesParser<{ xmlns: false; position: true }>, builder: JunitBuilder): () => void {
  const p = parser as unknown as SaxesInternals;
  if (typeof p.text !== "string" || typeof p.state !== "number") return () => {};
  return () => {
    const text = p.text;
    if (typeof text !== "string" || text.length < DRAIN_AT) return;
    const state = p.state as number;
    if (state === S_TEXT || (state === S_ENTITY && p.entityReturnState === S_TEXT)) builder.text(text);
    else if (state >= S_CDATA && state <= S_CDATA_ENDING_2) builder.cdata(text);
    else if (state < S_COMMENT || state > S_COMMENT_ENDED) return; // attribute values, DOCTYPE ...: leave alone
    p.text = "";
  };
}
