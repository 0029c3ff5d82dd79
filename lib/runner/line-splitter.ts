// Output chunks into lines as they arrive, for the runner (SSH channel) and
// `runboard exec` (a child process): one way to cut a stream, so both see the
// same lines and therefore the same phases. A multi-byte character split
// across two chunks stays whole; the unfinished last line comes out at end().

import { StringDecoder } from "node:string_decoder";

export class LineSplitter {
  private rest = "";
  private decoder = new StringDecoder("utf8");

  /** The lines this chunk completes, without their "\n" (a "\r" before it is kept). */
  push(chunk: Buffer | string): string[] {
    const text = this.rest + (typeof chunk === "string" ? chunk : this.decoder.write(chunk));
    const lines = text.split("\n");
    this.rest = lines.pop() ?? "";
    return lines;
  }

  /** The last line when the output did not end with "\n", else null. */
  end(): string | null {
    const last = this.rest + this.decoder.end();
    this.rest = "";
    return last ? last : null;
  }
}
