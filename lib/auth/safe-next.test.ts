// The review's open-redirect payloads (and their relatives) must all fall back
// to "/": each one sent Chromium to evil.example through ?next= before.
import { describe, expect, it } from "vitest";
import { safeNextPath, signInUrl } from "@/lib/auth/safe-next";

// what ?next= decodes to on the server (searchParams) for each payload in the review and its variants
const HOSTILE = [
  "/\\evil.example/x", // next=/%5Cevil.example/x
  "/\t/evil.example/x", // next=/%09/evil.example/x
  "//evil.example/x",
  "///evil.example/x",
  "/\\/evil.example/x",
  "\\\\evil.example/x",
  "/\r/evil.example/x",
  "/\n/evil.example/x",
  "/\r\n/evil.example/x",
  "/ /evil.example",
  "https://evil.example/x",
  "http:/evil.example",
  "javascript:alert(1)",
  "evil.example",
  "",
  "/\u0000/evil.example",
];

describe("safeNextPath", () => {
  it.each(HOSTILE)("refuses %j", (raw) => {
    const next = safeNextPath(raw);
    expect(next).toBe(raw === "/ /evil.example" ? "/%20/evil.example" : "/");
    expect(new URL(next, "https://runboard.example").host).toBe("runboard.example");
  });

  it("refuses the payloads even when a browser resolves them", () => {
    for (const raw of HOSTILE) expect(new URL(safeNextPath(raw), "https://runboard.example").origin).toBe("https://runboard.example");
  });

  it("keeps same-origin paths with their query (deep links keep their filters)", () => {
    expect(safeNextPath("/triage?req=BR-GATEWAY-018&status=all")).toBe("/triage?req=BR-GATEWAY-018&status=all");
    expect(safeNextPath("/runs/abc#phase")).toBe("/runs/abc#phase");
    // still-encoded payloads stay paths on this site
    expect(safeNextPath("/%5Cevil.example/x")).toBe("/%5Cevil.example/x");
    expect(safeNextPath("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
  });

  it("refuses non-strings", () => {
    expect(safeNextPath(undefined)).toBe("/");
    expect(safeNextPath(["/a"])).toBe("/");
  });
});

describe("signInUrl", () => {
  it("carries the whole path and query, encoded", () => {
    expect(signInUrl("/triage?req=BR-GATEWAY-018&status=all")).toBe("/sign-in?next=%2Ftriage%3Freq%3DBR-GATEWAY-018%26status%3Dall");
    expect(signInUrl("//evil.example")).toBe("/sign-in");
  });
});
