// The CSV export's formula guard: every value a spreadsheet would run as a
// formula comes out with a leading apostrophe. The review found leading space,
// LF and the full-width signs passing the old guard (/^[=+\-@\t\r]/).
import { describe, expect, it } from "vitest";
import { csvCell } from "@/lib/http/csv";

const FORMULAS = [
  "=HYPERLINK(\"http://evil.example\",\"x\")",
  "+1+cmd|' /C calc'!A0",
  "-2+3",
  "@SUM(A1)",
  " =1+1",
  "  @SUM(A1)",
  "\n=1+1",
  "\r\n+1",
  "\t=1",
  "\u3000=1",
  "\u00a0=1",
  "＝1+1",
  "＋1",
  "－1",
  "＠SUM(A1)",
  " ＝1",
];

describe("csvCell", () => {
  it.each(FORMULAS)("neutralises %j", (v) => {
    expect(csvCell(v)).toBe(`"'${v.replace(/"/g, '""')}"`);
  });

  it("leaves ordinary values alone and quotes them", () => {
    expect(csvCell("BR-GATEWAY-018")).toBe('"BR-GATEWAY-018"');
    expect(csvCell("say \"hi\"")).toBe('"say ""hi"""');
    expect(csvCell(12)).toBe('"12"');
    expect(csvCell(null)).toBe('""');
    expect(csvCell(new Date("2026-01-02T03:04:05Z"))).toBe('"2026-01-02T03:04:05.000Z"');
    expect(csvCell("a = b")).toBe('"a = b"');
  });
});
