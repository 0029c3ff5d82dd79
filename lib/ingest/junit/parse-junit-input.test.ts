// parseJunit on awkward input: bytes split anywhere, huge reports and text nodes, and the documents it refuses.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError, type ErrorCode } from "@/lib/errors";
import { MAX_TEXT_FIELD, TRUNCATION_MARKER } from "@/lib/ingest/report-types";
import { parseJunit } from "./parse-junit";

const enc = new TextEncoder();

async function rejection(p: Promise<unknown>, code: ErrorCode): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  return err as AppError;
}

async function* chunked(parts: (string | Uint8Array)[]): AsyncGenerator<string | Uint8Array> {
  for (const p of parts) yield p;
}

describe("parseJunit: input handling", () => {
  it("strips a UTF-8 BOM from strings and bytes", async () => {
    const doc = '\uFEFF<?xml version="1.0"?><testsuite><testcase name="é"/></testsuite>';
    expect((await parseJunit(doc)).cases[0].name).toBe("é");
    expect((await parseJunit(enc.encode(doc))).cases[0].name).toBe("é");
    expect((await parseJunit(chunked([enc.encode(doc).subarray(0, 2), enc.encode(doc).subarray(2)]))).cases[0].name).toBe("é");
  });

  it("gives the same result however the bytes are split (multi-byte characters included)", async () => {
    const doc = `<?xml version="1.0" encoding="UTF-8"?>\r\n<testsuites><testsuite name="Ünïcödé ✓ 𝄞">
      <testcase name="日本語 › 😀 test" time="0,5"><failure message="💥 boom">stack 𒍺 &amp; more\r\nline2</failure>
      <system-out><![CDATA[out ✓]]></system-out></testcase><testcase name="b"/></testsuite></testsuites>`;
    const bytes = enc.encode(doc);
    const whole = await parseJunit(doc);
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 12 }), async (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), bytes.length];
        const parts = points.slice(1).map((end, i) => bytes.subarray(points[i], end));
        expect(await parseJunit(chunked(parts))).toEqual(whole);
      }),
      { numRuns: 150 },
    );
    // Every single-byte split, too.
    for (let i = 1; i < bytes.length; i++) {
      expect(await parseJunit(chunked([bytes.subarray(0, i), bytes.subarray(i)]))).toEqual(whole);
    }
    // And split strings (surrogate pairs cut in half).
    for (const i of [doc.indexOf("𝄞") + 1, doc.indexOf("😀") + 1, doc.indexOf("\r\n") + 1]) {
      expect(await parseJunit(chunked([doc.slice(0, i), doc.slice(i)]))).toEqual(whole);
    }
  });

  it("streams a generated 10k-case report", async () => {
    const N = 10_000;
    async function* gen() {
      yield enc.encode('<?xml version="1.0"?>\n<testsuites tests="10000">\n<testsuite name="big">\n');
      let buf = "";
      for (let i = 0; i < N; i++) {
        buf += `<testcase name="case ${i} ✓" classname="big.Case" time="0.0${i % 10}">`;
        if (i % 100 === 0) buf += `<failure message="m${i}">${"trace line\n".repeat(20)}</failure>`;
        if (i % 250 === 0) buf += "<skipped/>";
        buf += "<system-out>some output</system-out></testcase>\n";
        if (buf.length > 64 * 1024) {
          const b = enc.encode(buf);
          // Odd split so multi-byte characters straddle chunks.
          yield b.subarray(0, 1001);
          yield b.subarray(1001);
          buf = "";
        }
      }
      yield enc.encode(buf + "</testsuite>\n</testsuites>\n");
    }
    const r = await parseJunit(gen());
    // Multiples of 500 carry both <failure> and <skipped>: failure wins.
    expect(r.totals).toEqual({ tests: N, passed: N - 120, failed: 100, errored: 0, skipped: 20, pending: 0 });
    expect(r.cases[9999]).toMatchObject({ name: "case 9999 ✓", suite: "big", durationMs: 90, systemOut: "some output" });
    expect(r.warnings).toEqual([]);
  });

  it("caps text fields at 64 KB with the truncation marker, without buffering the rest", async () => {
    const huge = "x".repeat(200_000);
    const r = await parseJunit(`<testsuite><testcase name="t"><failure message="${"m".repeat(70_000)}">${huge}</failure>
      <system-out>${huge}</system-out><system-out><![CDATA[${huge}]]></system-out><system-err>short</system-err></testcase></testsuite>`);
    const c = r.cases[0];
    for (const field of [c.message, c.details, c.systemOut]) {
      expect(field).toHaveLength(MAX_TEXT_FIELD);
      expect(field!.endsWith(TRUNCATION_MARKER)).toBe(true);
    }
    expect(c.systemErr).toBe("short");
  });

  it("keeps order and content when multi-megabyte text nodes are handed over in pieces", async () => {
    const mb = (s: string) => s.repeat(Math.ceil(2_000_000 / s.length));
    const doc = `<testsuite name="s"><system-out><![CDATA[${mb("suite log ")}]]></system-out><!-- ${mb("c")} -->
      <testcase name="a"><failure>&lt;start&gt; ${mb("frame\n")}</failure><system-out><![CDATA[begin ${mb("o")}]]></system-out></testcase>
      <testcase name="b"><properties><property name="p">v ${mb("p")}</property></properties></testcase></testsuite>`;
    for (const r of [await parseJunit(doc), await parseJunit(chunked(doc.match(/[^]{1,99991}/g)!))]) {
      const [a, b] = r.cases;
      expect(r.cases).toHaveLength(2);
      expect(a.details!.startsWith("<start> frame\nframe\n")).toBe(true);
      expect(a.details!.endsWith(TRUNCATION_MARKER)).toBe(true);
      expect(a.message).toBe("<start> frame");
      expect(a.systemOut!.startsWith("begin ooo")).toBe(true);
      expect(a.systemOut).toHaveLength(MAX_TEXT_FIELD);
      expect(b.properties.p.startsWith("v ppp")).toBe(true);
      expect(b.properties.p).toHaveLength(MAX_TEXT_FIELD);
    }
  });
});

describe("parseJunit: rejections", () => {
  it.each([
    ["empty input", ""],
    ["whitespace only", "  \n "],
    ["plain text", "this is not an xml file"],
    ["JSON", '{"tests": 1}'],
    ["second root element", "<testsuites/><testsuites/>"],
    ["undefined entity", "<testsuites>&nope;</testsuites>"],
    ["mismatched tags", "<testsuites><testsuite></testsuites>"],
  ])("rejects %s as malformed_xml", async (_label, doc) => {
    await rejection(parseJunit(doc), "malformed_xml");
  });

  it("reports line and column of truncated XML", async () => {
    const doc = '<?xml version="1.0"?>\n<testsuites>\n  <testsuite name="s">\n    <testcase name="a">\n      <skipped message="cut';
    const err = await rejection(parseJunit(doc), "malformed_xml");
    expect(err.details).toEqual({ line: 5, column: 27 });
    expect(err.message).toMatch(/^malformed XML at line 5, column 27: /);
  });

  it("rejects any DOCTYPE: XXE", async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><testsuites><testsuite name="&xxe;"/></testsuites>`;
    const err = await rejection(parseJunit(xxe), "malformed_xml");
    expect(err.message).toMatch(/DOCTYPE/);
    expect(err.message).not.toMatch(/root:/);
    await rejection(parseJunit('<!DOCTYPE testsuites SYSTEM "junit.dtd"><testsuites/>'), "malformed_xml");
  });

  it("rejects any DOCTYPE: billion laughs, without expanding anything", async () => {
    let dtd = '<!ENTITY lol "lol">';
    for (let i = 1; i <= 9; i++) dtd += `<!ENTITY lol${i} "${`&lol${i === 1 ? "" : i - 1};`.repeat(10)}">`;
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [${dtd}]><testsuites name="&lol9;"/>`;
    const t0 = performance.now();
    await rejection(parseJunit(bomb), "malformed_xml");
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it("rejects nesting deeper than 256 elements", async () => {
    const nest = (n: number) => "<testsuites>" + "<testsuite>".repeat(n - 1) + "</testsuite>".repeat(n - 1) + "</testsuites>";
    await expect(parseJunit(nest(256))).resolves.toMatchObject({ cases: [] });
    const err = await rejection(parseJunit(nest(257)), "malformed_xml");
    expect(err.message).toMatch(/nested deeper than 256/);
  });

  it("rejects invalid UTF-8 with its position", async () => {
    const head = enc.encode('<testsuite>\n<testcase name="ok"/>\n<testcase name="ab');
    const bad = new Uint8Array([...head, 0xc3, 0x28, ...enc.encode('"/></testsuite>')]);
    const err = await rejection(parseJunit(bad), "malformed_xml");
    expect(err.details).toEqual({ line: 3, column: 18, byteOffset: head.length });
    // Same when the bad byte sits in a later chunk.
    const err2 = await rejection(parseJunit(chunked([bad.subarray(0, head.length + 1), bad.subarray(head.length + 1)])), "malformed_xml");
    expect(err2.details).toEqual(err.details);
    // Overlong encoding, lone continuation byte, UTF-16 BOM, truncated sequence at the end.
    for (const bytes of [[0x3c, 0xc0, 0xaf], [0x80], [0xff, 0xfe, 0x3c, 0x00], [...enc.encode("<testsuite/>"), 0xe2, 0x82]]) {
      await rejection(parseJunit(new Uint8Array(bytes)), "malformed_xml");
    }
  });

  it("rejects a well-formed non-JUnit document as validation_failed", async () => {
    const err = await rejection(parseJunit('<suites><suite name="x"><case name="a"/></suite></suites>'), "validation_failed");
    expect(err.message).toBe("not a JUnit report: root element <suites>");
    expect(err.details).toEqual([{ path: "/", message: "not a JUnit report: root element <suites>" }]);
    // Malformed wins over a foreign root.
    await rejection(parseJunit("<suites><suite>"), "malformed_xml");
  });

  it("stops as soon as maxCases is passed", async () => {
    let chunksRead = 0;
    async function* many() {
      yield "<testsuites><testsuite>";
      for (let i = 0; i < 1000; i++) {
        chunksRead++;
        yield '<testcase name="c"/>'.repeat(10);
      }
      yield "</testsuite></testsuites>";
    }
    const err = await rejection(parseJunit(many(), { maxCases: 50 }), "validation_failed");
    expect(err.message).toBe("the report has more than 50 test cases");
    expect(chunksRead).toBe(6);
    await expect(parseJunit("<testsuite>" + '<testcase name="c"/>'.repeat(50) + "</testsuite>", { maxCases: 50 })).resolves.toBeDefined();
  });
});
