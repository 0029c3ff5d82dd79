import { describe, expect, it } from "vitest";
import { copyArray, copyValue } from "./sql";

describe("COPY text format", () => {
  it("escapes what COPY would misread and drops NUL, which Postgres text cannot hold", () => {
    expect(copyValue("a\tb\nc\\d\re\0f")).toBe("a\\tb\\nc\\\\d\\re" + "f");
    expect(copyValue(null)).toBe("\\N");
    expect(copyValue(undefined)).toBe("\\N");
    expect(copyValue(12)).toBe("12");
    expect(copyValue(true)).toBe("true");
    expect(copyValue("plain")).toBe("plain");
  });
  it("writes arrays as quoted text[] literals", () => {
    expect(copyArray([])).toBe("{}");
    expect(copyArray(["BR-GATEWAY-018", 'odd"one\\'])).toBe('{"BR-GATEWAY-018","odd\\"one\\\\"}');
  });
});
