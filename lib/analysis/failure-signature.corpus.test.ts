// How well failure signatures group: pairwise precision and recall against a
// labelled set. The set is the real failures of the shared JUnit corpus
// (../shared/fixtures/junit, read in place and never copied; expected groups in
// failure-signature.labels.tsv), each again with its noise replaced, each in two
// noisy one-line envelopes, and project-authored failures with fresh ids.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { failureSignature } from "@/lib/analysis/failure-signature";
import { parseReport } from "@/lib/ingest/parse-report";
import { ENVELOPES, type Labelled, Noise, scorePairs, seededRandom, substituteNoise, syntheticFailures } from "@/lib/testing/signature-variants";

// JUNIT_CORPUS points a worktree checkout at the corpus elsewhere.
const CORPUS = process.env.JUNIT_CORPUS ?? path.resolve(import.meta.dirname, "../../../shared/fixtures/junit");
const LABELS = path.join(import.meta.dirname, "failure-signature.labels.tsv");
const GOAL = 0.98;

async function realFailures(): Promise<Labelled[]> {
  const rows = fs.readFileSync(LABELS, "utf8").split("\n").filter((l) => l && !l.startsWith("#")).slice(1).map((l) => l.split("\t"));
  const byFile = new Map<string, Awaited<ReturnType<typeof parseReport>>["cases"]>();
  const out: Labelled[] = [];
  for (const [file, index, testcase, group] of rows) {
    if (!byFile.has(file)) {
      const report = await parseReport(fs.readFileSync(path.join(CORPUS, file)));
      byFile.set(file, report.cases.filter((c) => c.status === "failed" || c.status === "errored"));
    }
    const c = byFile.get(file)![Number(index)];
    expect(c, `${file} failing case #${index}`).toBeDefined();
    expect(c.name.replace(/\s+/g, " ").trim().startsWith(testcase), `${file} #${index} is "${testcase}"`).toBe(true);
    out.push({ message: c.message?.trim() ? c.message : (c.details ?? ""), group, origin: `${file}#${index}` });
  }
  return out;
}

async function labelledSet(): Promise<Labelled[]> {
  const noise = new Noise(seededRandom(12));
  const real = await realFailures();
  const replaced = real.flatMap((r) => {
    const message = substituteNoise(r.message, noise);
    return message === r.message ? [] : [{ message, group: r.group, origin: `${r.origin} with other noise` }];
  });
  const groups = [...new Set(real.map((r) => r.group))];
  const enveloped = real.flatMap((r) => {
    const t = groups.indexOf(r.group) % ENVELOPES.length;
    return [0, 1].map((k) => ({ message: ENVELOPES[t](noise) + r.message, group: `${r.group}@${t}`, origin: `${r.origin} in envelope ${t} #${k}` }));
  });
  return [...real, ...replaced, ...enveloped, ...syntheticFailures(noise, 6)];
}

const show = ([a, b]: [Labelled, Labelled]) =>
  `  ${a.origin} | ${b.origin}\n    ${JSON.stringify(failureSignature(a.message).normalized.slice(0, 140))}\n    ${JSON.stringify(failureSignature(b.message).normalized.slice(0, 140))}`;

const present = fs.existsSync(CORPUS);
if (!present) console.warn(`JUnit corpus not found at ${CORPUS}; skipping the labelled signature set (set JUNIT_CORPUS)`);

describe.skipIf(!present && !process.env.CI)("failure signatures on the labelled set", () => {
  it(`groups with pairwise precision and recall of at least ${GOAL}`, async () => {
    expect(present, `corpus at ${CORPUS}`).toBe(true);
    const set = await labelledSet();
    const score = scorePairs(set, (l) => failureSignature(l.message).hash);
    const groups = new Set(set.map((l) => l.group)).size;
    console.log(
      `labelled set: ${set.length} messages in ${groups} expected groups, ${score.truePairs} same-failure pairs; ` +
        `precision ${score.precision.toFixed(4)} (${score.falsePositives.length} pairs wrongly joined), ` +
        `recall ${score.recall.toFixed(4)} (${score.falseNegatives.length} pairs wrongly split)` +
        (score.falsePositives.length ? `\nwrongly joined:\n${score.falsePositives.map(show).join("\n")}` : "") +
        (score.falseNegatives.length ? `\nwrongly split:\n${score.falseNegatives.map(show).join("\n")}` : ""),
    );
    expect(set.length).toBeGreaterThanOrEqual(300);
    expect(score.precision).toBeGreaterThanOrEqual(GOAL);
    expect(score.recall).toBeGreaterThanOrEqual(GOAL);
  });
});
