import { describe, expect, it } from "vitest";
import { publicOrigin } from "@/lib/http/public-origin";

const req = (host: string | null) => new Request("http://0.0.0.0:3100/triage/export.csv", { headers: host === null ? {} : { host } });

describe("publicOrigin", () => {
  it("prefers RUNBOARD_BASE_URL", () => {
    expect(publicOrigin(req("127.0.0.1:3100"), "https://runboard.example.com/")).toBe("https://runboard.example.com");
  });
  it("else uses the Host the request came to, not the bound address", () => {
    expect(publicOrigin(req("127.0.0.1:3100"), undefined)).toBe("http://127.0.0.1:3100");
    expect(publicOrigin(req("localhost:3100"), undefined)).toBe("http://localhost:3100");
    expect(publicOrigin(req("[::1]:3100"), undefined)).toBe("http://[::1]:3100");
  });
  it("ignores a Host header that is not a host", () => {
    expect(publicOrigin(req("evil.example/x?"), undefined)).toBe("http://0.0.0.0:3100");
    expect(publicOrigin(req(null), undefined)).toBe("http://0.0.0.0:3100");
  });
});
