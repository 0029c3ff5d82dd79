// Accumulates an element's character data (text and CDATA pieces) without
// ever holding more than one stored field's worth: a 50 MB <system-out> must
// not sit in memory when only 64 KB of it will be kept.
import { MAX_TEXT_FIELD, truncateText } from "@/lib/ingest/report-types";

const NON_WS = /\S/;

export class BoundedText {
  private text = "";
  private overflow = false;

  append(piece: string): void {
    if (this.overflow || piece.length === 0) return;
    if (this.text.length === 0) {
      // Leading whitespace is dropped here (the result is trimmed anyway) so
      // that indentation does not eat into the budget.
      if (!NON_WS.test(piece)) return;
      piece = piece.trimStart();
    }
    const room = MAX_TEXT_FIELD + 1 - this.text.length;
    if (piece.length >= room) {
      // One char over the cap is enough for truncateText to mark the cut.
      this.text += piece.slice(0, room);
      this.overflow = true;
    } else {
      this.text += piece;
    }
  }

  get isEmpty(): boolean {
    return this.text.length === 0;
  }

  /** Trimmed text, truncated with the marker when the source was longer than the cap; undefined when blank. */
  finish(): string | undefined {
    if (this.overflow) return truncateText(this.text);
    const t = this.text.trimEnd();
    return t === "" ? undefined : t;
  }
}

/** First non-blank line of a body, for a message when the element has no message attribute. */
export function firstLine(body: string | undefined, max = 500): string | undefined {
  if (body === undefined) return undefined;
  // Bodies come from BoundedText.finish(), already trimmed: line one is non-blank.
  const nl = body.indexOf("\n");
  const t = (nl < 0 ? body : body.slice(0, nl)).trim();
  if (t === "") return undefined;
  return t.length > max ? t.slice(0, max) : t;
}
