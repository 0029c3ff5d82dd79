// Turns the parser input (string, bytes, or a stream of either) into text
// pieces for saxes. Bytes are decoded as strict UTF-8 whatever the XML
// declaration claims: a report in another encoding is rejected rather than
// silently mis-decoded.

export type JunitInput = string | Uint8Array | AsyncIterable<string | Uint8Array>;

export interface TextSink {
  write(text: string): void;
  /** Called after the valid text before the bad byte was written; must throw. */
  invalidUtf8(byteOffset: number): never;
  /**
   * Called after each slice of input was written (when set, instead of the
   * periodic event-loop yield): lets a consumer take the cases parsed so far
   * and apply back-pressure. It should yield to the event loop itself.
   */
  sliceDone?(): Promise<void>;
}

// 1 MiB pieces bound the transient decoded-string size and let us yield to
// the event loop on big synchronous inputs so a 50 MB upload does not stall
// the server for a second.
const SLICE = 1 << 20;
const YIELD_EVERY = 8 * SLICE;

export async function pumpInput(input: JunitInput, sink: TextSink, slice = SLICE): Promise<void> {
  const pump = new Pump(sink, slice);
  if (typeof input === "string") await pump.text(input);
  else if (input instanceof Uint8Array) await pump.bytes(input);
  else {
    for await (const chunk of input) {
      if (typeof chunk === "string") await pump.text(chunk);
      else await pump.bytes(chunk);
    }
  }
  pump.flush();
}

class Pump {
  private decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  private atStart = true;
  private byteOffset = 0;
  private prevSlice: Uint8Array | null = null;
  private sinceYield = 0;

  constructor(
    private readonly sink: TextSink,
    private readonly slice: number,
  ) {}

  async text(s: string): Promise<void> {
    this.flush();
    const n = this.slice;
    for (let i = 0; i < s.length; i += n) {
      // saxes carries a split surrogate pair or CR/LF over to the next write itself.
      this.emit(s.length <= n ? s : s.slice(i, i + n));
      await this.maybeYield(Math.min(n, s.length - i));
    }
  }

  async bytes(b: Uint8Array): Promise<void> {
    const n = this.slice;
    for (let i = 0; i < b.length; i += n) {
      const slice = b.subarray(i, i + n);
      let text: string;
      try {
        text = this.decoder.decode(slice, { stream: true });
      } catch {
        this.locateInvalid(slice);
      }
      this.byteOffset += slice.length;
      this.prevSlice = slice;
      this.emit(text);
      await this.maybeYield(slice.length);
    }
  }

  /** Ends a byte run: an incomplete sequence left in the decoder is an error. */
  flush(): void {
    if (this.prevSlice === null) return;
    try {
      this.emit(this.decoder.decode());
    } catch {
      this.sink.invalidUtf8(this.byteOffset - incompleteTail(this.prevSlice).length);
    }
    this.prevSlice = null;
  }

  private emit(text: string): void {
    if (text.length === 0) return;
    if (this.atStart) {
      this.atStart = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text.length === 0) return;
    }
    this.sink.write(text);
  }

  private locateInvalid(slice: Uint8Array): never {
    // The decoder is holding the incomplete tail of the previous slice; the
    // bad byte lies in tail + slice.
    const tail = this.prevSlice === null ? new Uint8Array(0) : incompleteTail(this.prevSlice);
    const joined = new Uint8Array(tail.length + slice.length);
    joined.set(tail, 0);
    joined.set(slice, tail.length);
    const bad = firstInvalidUtf8(joined);
    // Feed the valid prefix so the parser's line/column point at the bad byte.
    this.emit(new TextDecoder("utf-8", { ignoreBOM: true }).decode(joined.subarray(0, bad)));
    return this.sink.invalidUtf8(this.byteOffset - tail.length + bad);
  }

  private async maybeYield(n: number): Promise<void> {
    if (this.sink.sliceDone) return this.sink.sliceDone();
    this.sinceYield += n;
    if (this.sinceYield < YIELD_EVERY) return;
    this.sinceYield = 0;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** Bytes at the end of `b` that start a UTF-8 sequence `b` does not complete. */
function incompleteTail(b: Uint8Array): Uint8Array {
  for (let k = 1; k <= 3 && k <= b.length; k++) {
    const c = b[b.length - k];
    if (c < 0x80) break;
    if (c >= 0xc0) {
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
      return need > k ? b.subarray(b.length - k) : new Uint8Array(0);
    }
  }
  return new Uint8Array(0);
}

/** Index of the first byte that is not part of a valid UTF-8 sequence (WHATWG rules), or b.length. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    if (i + need >= b.length) return i;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d < lo || d > hi) return i;
      lo = 0x80;
      hi = 0xbf;
    }
    i += need + 1;
  }
  return b.length;
}
