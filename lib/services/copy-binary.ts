// PostgreSQL's binary COPY format, for the columns the result rows use.
// https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4
// Fields are appended to a growing buffer; take() hands out what was written.

const HEADER = Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
const TRAILER = Buffer.from([0xff, 0xff]);
// microseconds between the Unix epoch and PostgreSQL's (2000-01-01)
const PG_EPOCH_MS = 946_684_800_000;

export class BinaryCopyWriter {
  private buf: Buffer;
  private pos = 0;

  constructor(initial = 1 << 16) {
    this.buf = Buffer.allocUnsafe(initial);
  }

  static header(): Buffer {
    return HEADER;
  }

  static trailer(): Buffer {
    return TRAILER;
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  row(fields: number): void {
    this.room(2);
    this.buf.writeInt16BE(fields, this.pos);
    this.pos += 2;
  }

  null(): void {
    this.room(4);
    this.buf.writeInt32BE(-1, this.pos);
    this.pos += 4;
  }

  /** A uuid given in its canonical text form (8-4-4-4-12 hex). */
  uuid(u: string | null | undefined): void {
    if (u == null) return this.null();
    this.room(20);
    this.buf.writeInt32BE(16, this.pos);
    this.pos += 4;
    this.buf.write(u.slice(0, 8) + u.slice(9, 13) + u.slice(14, 18) + u.slice(19, 23) + u.slice(24, 36), this.pos, 16, "hex");
    this.pos += 16;
  }

  /** UUID bytes already encoded (16 bytes), e.g. a constant column. */
  raw(bytes: Buffer): void {
    this.room(4 + bytes.length);
    this.buf.writeInt32BE(bytes.length, this.pos);
    this.pos += 4;
    bytes.copy(this.buf, this.pos);
    this.pos += bytes.length;
  }

  int4(n: number | null | undefined): void {
    if (n == null) return this.null();
    this.room(8);
    this.buf.writeInt32BE(4, this.pos);
    this.buf.writeInt32BE(n, this.pos + 4);
    this.pos += 8;
  }

  bool(b: boolean): void {
    this.room(5);
    this.buf.writeInt32BE(1, this.pos);
    this.buf[this.pos + 4] = b ? 1 : 0;
    this.pos += 5;
  }

  /** text (and enum labels); PostgreSQL text cannot hold NUL, so NULs are dropped. */
  text(s: string | null | undefined): void {
    if (s == null) return this.null();
    if (s.includes("\0")) s = s.replace(/\0/g, "");
    const max = s.length * 3;
    this.room(4 + max);
    const n = this.buf.write(s, this.pos + 4, max, "utf8");
    this.buf.writeInt32BE(n, this.pos);
    this.pos += 4 + n;
  }

  /** The binary encoding of a `timestamp` value (microseconds since 2000-01-01, UTC wall clock). */
  static timestamp(d: Date): Buffer {
    const b = Buffer.allocUnsafe(8);
    b.writeBigInt64BE(BigInt(d.getTime() - PG_EPOCH_MS) * 1000n);
    return b;
  }

  static uuidBytes(u: string): Buffer {
    return Buffer.from(u.replace(/-/g, ""), "hex");
  }

  get length(): number {
    return this.pos;
  }

  /** What was written since the last take(), as its own Buffer. */
  take(): Buffer {
    const out = Buffer.from(this.buf.subarray(0, this.pos));
    this.pos = 0;
    return out;
  }
}
