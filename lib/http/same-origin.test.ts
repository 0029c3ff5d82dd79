// The one CSRF check shared by the JSON routes and the server actions.
import { describe, expect, it } from "vitest";
import { assertSameOrigin } from "@/lib/http/same-origin";

const h = (o: Record<string, string>) => new Headers({ host: "runboard.test", ...o });
const refused = (method: string, headers: Headers) => {
  try {
    assertSameOrigin(method, headers);
    return null;
  } catch (e) {
    return (e as { code?: string }).code;
  }
};

describe("assertSameOrigin", () => {
  it("refuses a POST without Origin or Sec-Fetch-Site (a non-browser client or a forged form)", () => {
    expect(refused("POST", h({}))).toBe("forbidden");
  });

  it("refuses Sec-Fetch-Site: cross-site or same-site without an Origin", () => {
    expect(refused("POST", h({ "sec-fetch-site": "cross-site" }))).toBe("forbidden");
    expect(refused("POST", h({ "sec-fetch-site": "same-site" }))).toBe("forbidden");
  });

  it("refuses another origin, and a malformed one", () => {
    expect(refused("POST", h({ origin: "https://evil.example" }))).toBe("forbidden");
    expect(refused("POST", h({ origin: "null" }))).toBe("forbidden");
    expect(refused("PATCH", h({ origin: "http://runboard.test.evil.example" }))).toBe("forbidden");
  });

  it("lets this site through, and safe methods", () => {
    expect(refused("POST", h({ origin: "http://runboard.test" }))).toBeNull();
    expect(refused("POST", h({ "sec-fetch-site": "same-origin" }))).toBeNull();
    expect(refused("GET", h({ origin: "https://evil.example" }))).toBeNull();
  });
});
