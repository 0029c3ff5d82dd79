// The sign-in limit's client address. Without RUNBOARD_TRUSTED_PROXIES a
// client's own X-Forwarded-For must change nothing (the review's bypass: twelve
// guesses with twelve forged addresses all counted as different clients).
import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustedProxies } from "@/lib/http/client-address";
import { parseEnv } from "@/lib/env";

describe("clientAddress", () => {
  it("takes the socket address and ignores a forged X-Forwarded-For when no proxy is trusted", () => {
    for (let i = 0; i < 12; i++) expect(clientAddress("203.0.113.9", `198.51.100.${i}`, null)).toBe("203.0.113.9");
    expect(clientAddress("::ffff:127.0.0.1", "1.2.3.4", null)).toBe("127.0.0.1");
  });

  it("with a hop count, reads X-Forwarded-For from the right, past the proxies", () => {
    const one = parseTrustedProxies("1") as { hops: number };
    // nginx appends the client it saw; anything the client forged stays to the left
    expect(clientAddress("10.0.0.2", "6.6.6.6, 203.0.113.9", one)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.2", "203.0.113.9", one)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.2", "6.6.6.6, 203.0.113.9, 10.0.0.1", parseTrustedProxies("2") as { hops: number })).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.2", undefined, one)).toBe("10.0.0.2"); // no header: the proxy itself
    expect(clientAddress("10.0.0.2", "not-an-ip", one)).toBe("10.0.0.2");
  });

  it("with CIDR ranges, skips trusted proxies and stops at the first other address", () => {
    const ranges = parseTrustedProxies("10.0.0.0/8, ::1") as { ranges: string[] };
    expect(clientAddress("10.0.0.2", "6.6.6.6, 203.0.113.9, 10.1.2.3", ranges)).toBe("203.0.113.9");
    expect(clientAddress("::1", "203.0.113.9", ranges)).toBe("203.0.113.9");
    // a direct client (not a listed proxy) cannot forge its address
    expect(clientAddress("203.0.113.9", "6.6.6.6", ranges)).toBe("203.0.113.9");
  });
});

describe("RUNBOARD_TRUSTED_PROXIES", () => {
  it("accepts a hop count or a list of addresses and ranges", () => {
    expect(parseEnv({ NODE_ENV: "test", RUNBOARD_TRUSTED_PROXIES: "1" }).RUNBOARD_TRUSTED_PROXIES).toEqual({ hops: 1 });
    expect(parseEnv({ NODE_ENV: "test", RUNBOARD_TRUSTED_PROXIES: "10.0.0.0/8,192.168.1.5,fd00::/8" }).RUNBOARD_TRUSTED_PROXIES).toEqual({ ranges: ["10.0.0.0/8", "192.168.1.5", "fd00::/8"] });
    expect(parseEnv({ NODE_ENV: "test" }).RUNBOARD_TRUSTED_PROXIES).toBeNull();
  });

  it("refuses anything else, naming the variable", () => {
    for (const bad of ["0", "yes", "10.0.0.0/33", "10.0.0.0/8,evil", "1.2.3.4/8/9"]) {
      expect(() => parseEnv({ NODE_ENV: "test", RUNBOARD_TRUSTED_PROXIES: bad })).toThrow(/RUNBOARD_TRUSTED_PROXIES/);
    }
  });
});
