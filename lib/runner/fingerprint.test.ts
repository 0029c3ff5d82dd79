import { describe, expect, it } from "vitest";
import { fingerprintFromText, runnerHostInputSchema } from "@/lib/runner/schemas";

const FP = "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s";
const host = { name: "h", host: "127.0.0.1", username: "runner" };

describe("host key fingerprint input", () => {
  it("takes the fingerprint out of an ssh-keygen -lf line", () => {
    expect(fingerprintFromText(`256 ${FP} [127.0.0.1]:22 (ED25519)`)).toBe(FP);
    expect(fingerprintFromText(`  ${FP}\n`)).toBe(FP);
    expect(runnerHostInputSchema.parse({ ...host, hostKeyFingerprint: `256 ${FP} [127.0.0.1]:2222 (ED25519)` }).hostKeyFingerprint).toBe(FP);
  });

  it("refuses several fingerprints, a truncated one or anything else", () => {
    const two = `256 ${FP} h (ED25519)\n3072 SHA256:${"A".repeat(43)} h (RSA)`;
    for (const bad of [two, `256 ${FP.slice(0, -1)} h (ED25519)`, "MD5:aa:bb", `x${FP}`, ""]) {
      const r = runnerHostInputSchema.safeParse({ ...host, hostKeyFingerprint: bad });
      expect(r.success, bad).toBe(false);
      if (!r.success) expect(r.error.issues[0].path).toEqual(["hostKeyFingerprint"]);
    }
  });
});
