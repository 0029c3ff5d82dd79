import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { addressAllowed, allowedAddress, nameAllowed, parseHostRules } from "@/lib/runner/host-allowlist";

describe("RUNBOARD_RUNNER_ALLOWED_HOSTS", () => {
  it("reads names, *.domain, IP addresses and CIDRs (IPv4 and IPv6)", () => {
    expect(parseHostRules("ci-1.example.com, *.ci.example.com 10.0.0.0/8,192.168.1.5 fd00::/8 ::1")).toEqual([
      { kind: "name", name: "ci-1.example.com" },
      { kind: "below", domain: "ci.example.com" },
      { kind: "cidr", address: "10.0.0.0", prefix: 8, family: "ipv4" },
      { kind: "cidr", address: "192.168.1.5", prefix: 32, family: "ipv4" },
      { kind: "cidr", address: "fd00::", prefix: 8, family: "ipv6" },
      { kind: "cidr", address: "::1", prefix: 128, family: "ipv6" },
    ]);
  });

  it("a bad entry stops start-up naming the variable and the entry", () => {
    for (const bad of ["10.0.0.0/33", "fd00::/129", "*", "ci.*.example.com", "a b/c", "10.0.0.0/8/1", "host name!"]) {
      expect(() => parseEnv({ NODE_ENV: "test", RUNBOARD_RUNNER_ALLOWED_HOSTS: bad }), bad).toThrow(/RUNBOARD_RUNNER_ALLOWED_HOSTS: /);
    }
    expect(parseEnv({ NODE_ENV: "test" }).RUNBOARD_RUNNER_ALLOWED_HOSTS).toBeUndefined();
  });

  it("matches addresses against CIDRs and names against names and *.domain", () => {
    const rules = parseHostRules("127.0.0.0/8 fd00::/8 *.ci.example.com build.example.com");
    expect(addressAllowed(rules, "127.0.0.1")).toBe(true);
    expect(addressAllowed(rules, "::ffff:127.0.0.1")).toBe(true);
    expect(addressAllowed(rules, "fd12::1")).toBe(true);
    expect(addressAllowed(rules, "10.0.0.1")).toBe(false);
    expect(addressAllowed(rules, "::1")).toBe(false);
    expect(nameAllowed(rules, "a.ci.example.com")).toBe(true);
    expect(nameAllowed(rules, "ci.example.com")).toBe(false);
    expect(nameAllowed(rules, "evilci.example.com")).toBe(false);
    expect(nameAllowed(rules, "BUILD.example.com.")).toBe(true);
  });

  it("gives the address to connect to, or a 422 before any connection", async () => {
    expect(await allowedAddress("anything.example", undefined)).toBe("anything.example");
    expect(await allowedAddress("127.0.0.1", parseHostRules("127.0.0.0/8"))).toBe("127.0.0.1");
    // localhost resolves (from /etc/hosts) into the allowed network: connect to that address
    expect(await allowedAddress("localhost", parseHostRules("127.0.0.0/8"))).toBe("127.0.0.1");
    await expect(allowedAddress("127.0.0.1", parseHostRules("10.0.0.0/8"))).rejects.toMatchObject({ code: "validation_failed", details: [{ path: "host" }] });
    await expect(allowedAddress("localhost", parseHostRules("10.0.0.0/8"))).rejects.toMatchObject({ code: "validation_failed" });
  });
});
