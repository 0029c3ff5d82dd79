// Hostile and broken input against the real route handlers on a real
// PostgreSQL. Every refusal must answer { error: { code, message, details? } }
// with the right status and leave the database exactly as it was; accepted
// hostile strings must come back verbatim. Cases marked "known bug" are
// The last group were bugs this corpus found (500s, a name stored whole), now fixed.
// Complements lib/http/api.db.test.ts (happy paths, basic errors). This file:
// report uploads (XML, encodings, bodies, multipart); the JSON, access and
// stored-string cases are in hostile-input-*.db.test.ts, the shared setup in
// lib/testing/hostile-harness.ts, the cases that need a server process in hostile-server.db.test.ts.
import { gzipSync } from "node:zlib";
import { describe, expect } from "vitest";
import * as H from "@/lib/testing/hostile-fixtures";
import {
  type ErrorBody, type Refusal, UPLOAD_LIMIT, paths, position, postIngest, postJunit, refusals, setupHostileCorpus, slug, xml,
} from "@/lib/testing/hostile-harness";

setupHostileCorpus("input");

describe("JUnit upload: XML that is not well-formed answers 400 malformed_xml with line and column", () => {
  refusals([
    ...Object.entries(H.MALFORMED_XML).map(([what, { line, body }]): Refusal => ({
      name: `XML with ${what.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)}`, send: () => postJunit(body), status: 400, code: "malformed_xml", check: position(line),
    })),
    { name: "an empty body", send: () => postJunit(""), status: 400, code: "malformed_xml", check: position(1) },
    { name: "4 KB of garbage bytes", send: () => postJunit(H.garbageBytes()), status: 400, code: "malformed_xml", check: position() },
    ...([["a broken two-byte sequence", [0xc3, 0x28]], ["an overlong encoding of '/'", [0xc0, 0xaf]], ["a UTF-8-encoded surrogate", [0xed, 0xa0, 0x80]], ["a lone continuation byte", [0x80]]] as const).map(
      ([what, seq]): Refusal => {
        const { bytes, offset } = H.invalidUtf8Report([...seq]);
        return { name: `invalid UTF-8: ${what}`, send: () => postJunit(bytes), status: 400, code: "malformed_xml", check: (e) => expect(e.details).toMatchObject({ line: 1, byteOffset: offset }) };
      },
    ),
    { name: "a UTF-16 report (bytes are strict UTF-8 whatever the declaration says)", send: () => postJunit(H.utf16Report()), status: 400, code: "malformed_xml", check: (e) => expect(e.details).toMatchObject({ byteOffset: 0 }) },
    { name: "a double-gzipped report (inflated once; the rest is binary)", send: () => postJunit(gzipSync(gzipSync(H.GOOD_JUNIT))), status: 400, code: "malformed_xml", check: position(1) },
  ]);
});

describe("JUnit upload: entities, DTDs and nesting are refused before they cost anything", () => {
  const doctype = (e: ErrorBody) => {
    expect(e.message).toMatch(/DOCTYPE declarations are not accepted/);
    expect(JSON.stringify(e)).not.toMatch(/root:|lollol/);
  };
  refusals([
    { name: "XXE: an external entity naming file:///etc/passwd", send: () => postJunit(H.XXE.fileEntity), status: 400, code: "malformed_xml", check: doctype },
    { name: "XXE: a parameter entity fetching the cloud metadata endpoint", send: () => postJunit(H.XXE.parameterEntity), status: 400, code: "malformed_xml", check: doctype },
    { name: "XXE: an external DTD on another host", send: () => postJunit(H.XXE.externalDtd), status: 400, code: "malformed_xml", check: doctype },
    { name: "a harmless DOCTYPE (any DTD is refused outright)", send: () => postJunit(H.XXE.harmlessDoctype), status: 400, code: "malformed_xml", check: doctype },
    { name: "billion laughs (10 levels, 10^9 expansions)", send: () => postJunit(H.billionLaughs()), status: 400, code: "malformed_xml", check: doctype },
    { name: "quadratic blowup (a 100 KB entity used 1000 times)", send: () => postJunit(H.quadraticBlowup()), status: 400, code: "malformed_xml", check: doctype },
    {
      name: "100 000 nested <testsuite> elements", send: () => postJunit(H.nested("testsuite", 100_000)), status: 400, code: "malformed_xml",
      check: (e) => expect(e.message).toMatch(/nested deeper than 256 levels/),
    },
    {
      name: "100 000 nested unknown elements inside a testcase", send: () => postJunit(H.junitDoc(`<testcase name="deep">${H.nested("x", 100_000)}</testcase>`)), status: 400, code: "malformed_xml",
      check: (e) => expect(e.message).toMatch(/nested deeper than 256 levels/),
    },
  ]);
});

describe("JUnit upload: bodies, encodings and media types", () => {
  const gz = gzipSync(H.GOOD_JUNIT);
  const corrupt = Buffer.from(gz);
  corrupt[corrupt.length - 8] ^= 0xff; // CRC32 of the content
  refusals([
    { name: "gzip cut after its 10-byte header", send: () => postJunit(gz.subarray(0, 10), { ...xml, "content-encoding": "gzip" }), status: 400, code: "bad_request", check: (e) => expect(e.message).toMatch(/gzip/) },
    { name: "gzip with a wrong CRC", send: () => postJunit(corrupt), status: 400, code: "bad_request", check: (e) => expect(e.message).toMatch(/gzip/) },
    {
      name: "a gzip bomb over the upload limit, recognised by its magic bytes", send: () => postJunit(H.gzipBomb(UPLOAD_LIMIT + 1024 * 1024)), status: 413, code: "payload_too_large",
      check: (e) => expect(e.details).toEqual({ limitBytes: UPLOAD_LIMIT }),
    },
    { name: "Content-Encoding br", send: () => postJunit(H.GOOD_JUNIT, { ...xml, "content-encoding": "br" }), status: 415, code: "unsupported_media_type" },
    { name: "Content-Type text/plain", send: () => postJunit(H.GOOD_JUNIT, { "content-type": "text/plain; charset=utf-8" }), status: 415, code: "unsupported_media_type" },
    { name: "Content-Type text/html", send: () => postJunit(H.GOOD_JUNIT, { "content-type": "text/html" }), status: 415, code: "unsupported_media_type" },
    { name: "Content-Type application/x-www-form-urlencoded", send: () => postJunit("junit=%3Ctestsuite%2F%3E", { "content-type": "application/x-www-form-urlencoded" }), status: 415, code: "unsupported_media_type" },
    // application/json is accepted (Ginkgo's --json-report), so JSON that is not one is a 422, not a 415
    {
      name: "Content-Type application/json with a JSON object that is not a Ginkgo report", send: () => postJunit(`{"testsuites":[]}`, { "content-type": "application/json" }), status: 422, code: "validation_failed",
      check: (e) => expect(e.message).toBe("Not a Ginkgo v2 JSON report"),
    },
    {
      name: "Content-Type application/json with broken JSON", send: () => postJunit(`[{"SuiteDescription":\n  "x",,}]`, { "content-type": "application/json" }), status: 400, code: "bad_request",
      check: (e) => expect(e.details).toMatchObject({ line: 2, column: expect.any(Number) }),
    },
    {
      name: "well-formed XML whose root is <html>", send: () => postJunit(`<html><body><testcase name="x"/></body></html>`), status: 422, code: "validation_failed",
      check: (e) => expect(paths(e)).toEqual(["/"]),
    },
  ]);
});

describe("JUnit upload: multipart abuse", () => {
  refusals([
    { name: "51 files in one request (at most 50)", send: () => postJunit(H.form(Array.from({ length: 51 }, (_, i) => [`s${i}.xml`, H.GOOD_JUNIT])), {}), status: 413, code: "payload_too_large", check: (e) => expect(e.message).toMatch(/50 files/) },
    { name: "80 form fields next to a file (too many parts)", send: () => postJunit(H.form([["a.xml", H.GOOD_JUNIT]], Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`f${i}`, "x"]))), {}), status: 413, code: "payload_too_large" },
    { name: "one file one byte over the upload limit", send: () => postJunit(H.form([["big.xml", "<".repeat(UPLOAD_LIMIT + 1)]]), {}), status: 413, code: "payload_too_large", check: (e) => expect(e.details).toEqual({ limitBytes: UPLOAD_LIMIT }) },
    { name: "a gzip bomb inside a multipart file", send: () => postJunit(H.form([["ok.xml", H.GOOD_JUNIT], ["bomb.xml.gz", H.gzipBomb(UPLOAD_LIMIT + 1024 * 1024)]]), {}), status: 413, code: "payload_too_large" },
    {
      // each part is under the limit; their decompressed total is not (security review item 3)
      name: "13 gzipped parts of 1 MiB each (one limit for the decompressed total of all parts)",
      send: () => postJunit(H.form(Array.from({ length: 13 }, (_, i) => [`part-${i}.xml.gz`, H.gzipBomb(1024 * 1024)])), {}),
      status: 413, code: "payload_too_large", check: (e) => expect(e.details).toEqual({ limitBytes: UPLOAD_LIMIT }),
    },
    {
      name: "three plain parts of 5 MiB each (the total counts uncompressed parts too)",
      send: () => postJunit(H.form(Array.from({ length: 3 }, (_, i) => [`plain-${i}.xml`, H.junitDoc(`<testcase name="t${i}"><system-out>${"a".repeat(5 * 1024 * 1024)}</system-out></testcase>`, `s${i}`)])), {}),
      status: 413, code: "payload_too_large", check: (e) => expect(e.details).toEqual({ limitBytes: UPLOAD_LIMIT }),
    },
    {
      name: "POST /ingest with 13 gzipped report parts of 1 MiB each",
      send: () => postIngest(H.form(Array.from({ length: 13 }, (_, i) => [`part-${i}.xml.gz`, H.gzipBomb(1024 * 1024)]), { metadata: JSON.stringify({ project: slug, mode: "m", externalId: "ingest-total" }) })),
      status: 413, code: "payload_too_large",
    },
    {
      name: "a declared Content-Length far over the limit (refused before reading)",
      send: async () => {
        const { bytes, contentType } = await H.formBytes(H.form([["a.xml", H.GOOD_JUNIT]]));
        return postJunit(bytes, { "content-type": contentType, "content-length": String(10 ** 10) });
      },
      status: 413, code: "payload_too_large",
    },
    {
      name: "a multipart body cut off mid-part",
      send: async () => {
        const { bytes, contentType } = await H.formBytes(H.form([["a.xml", H.GOOD_JUNIT]]));
        return postJunit(bytes.subarray(0, bytes.length - 40), { "content-type": contentType });
      },
      status: 400, code: "bad_request", check: (e) => expect(e.message).toMatch(/Unexpected end of form/),
    },
    { name: "multipart/form-data without a boundary", send: () => postJunit("--x\r\n\r\n", { "content-type": "multipart/form-data" }), status: 400, code: "bad_request" },
    { name: "multipart with fields but no file", send: () => postJunit(H.form([], { note: "hello" }), {}), status: 422, code: "validation_failed", check: (e) => expect(paths(e)).toEqual(["files"]) },
  ]);
});
