// Demo data: the Gateway E2E story, loaded through the real ingest services
// (create run -> phases -> JUnit report -> finish), never by writing rows
// around them. Deterministic (seeded) so screenshots and tests are stable.
import { db } from "@/lib/db";
import { parseReport } from "@/lib/ingest/parse-report";
import type { PhaseInput } from "@/lib/schemas/phases";
import { createRun } from "@/lib/services/create-run";
import { finishRun } from "@/lib/services/finish-run";
import { ensureProject } from "@/lib/services/get-project";
import { ingestReport } from "@/lib/services/ingest-report";
import { recordPhases } from "@/lib/services/record-phases";
import { GATEWAY_SPECS, SUITE_NAME } from "@/lib/demo/gateway-specs";
import { type SpecOutcome, renderGinkgoJunit } from "@/lib/demo/render-junit";

export const DEMO_PROJECT = "gateway-e2e";

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Layout = "four-phase" | "five-phase";
interface RunPlan {
  mode: "sequential" | "parallel";
  layout: Layout;
  day: number; // days before now
  origin?: boolean; // the reported run: 314.6 s, 16 failed, 8 skipped
  setupFailure?: boolean; // an OOM kill in phase 2: no specs run
}

const PLANS: RunPlan[] = [
  ...[34, 32, 30, 28, 26, 24].map((day) => ({ mode: "sequential" as const, layout: "four-phase" as const, day })),
  ...[21, 19, 17, 15, 13].map((day) => ({ mode: "parallel" as const, layout: "four-phase" as const, day })),
  { mode: "parallel", layout: "four-phase", day: 11, setupFailure: true },
  { mode: "parallel", layout: "four-phase", day: 9, origin: true },
  ...[6, 4, 2].map((day) => ({ mode: "parallel" as const, layout: "five-phase" as const, day })),
];

interface Step {
  name: string;
  ms: number;
  parent?: string;
  group?: string;
  failed?: boolean;
  attributes?: PhaseInput["attributes"];
}

/** Phase durations in ms. Sequential phase 2 chains its three builds; parallel runs them side by side. */
function planPhases(plan: RunPlan, rnd: () => number): Step[] {
  const j = (ms: number, spread = 0.06) => Math.round(ms * (1 + (rnd() * 2 - 1) * spread));
  if (plan.origin) {
    // 72.4 + 137.9 + 35.2 + 30.8 = 276.3 s setup; + 38.3 s specs = 314.6 s
    return [
      { name: "Phase 1: Kind cluster + CRDs + namespace", ms: 72_400 },
      { name: "Phase 2: Build & deploy images", ms: 137_900 },
      { name: "Gateway image", ms: 127_600, parent: "Phase 2: Build & deploy images", group: "images", attributes: { peakMemoryMb: 2150 } },
      { name: "DataStorage image", ms: 104_300, parent: "Phase 2: Build & deploy images", group: "images", attributes: { peakMemoryMb: 1830 } },
      { name: "PostgreSQL + Redis", ms: 45_900, parent: "Phase 2: Build & deploy images", group: "images", attributes: { peakMemoryMb: 640 } },
      { name: "Phase 3: DataStorage deployment", ms: 35_200 },
      { name: "Phase 4: Gateway deployment", ms: 30_800 },
    ];
  }
  if (plan.layout === "five-phase") {
    const p1 = "Phase 1: Build images (parallel)";
    const b = [j(96_000), j(81_000), j(24_000)];
    return [
      { name: p1, ms: Math.max(...b) + j(4_000) },
      { name: "Gateway image", ms: b[0], parent: p1, group: "images", attributes: { peakMemoryMb: j(2100) } },
      { name: "DataStorage image", ms: b[1], parent: p1, group: "images", attributes: { peakMemoryMb: j(1800) } },
      { name: "PostgreSQL + Redis", ms: b[2], parent: p1, group: "images", attributes: { peakMemoryMb: j(600) } },
      { name: "Phase 2: Kind cluster + CRDs + namespace", ms: j(71_000) },
      { name: "Phase 3: Load images + PostgreSQL/Redis", ms: j(38_000) },
      { name: "Phase 4: DataStorage deployment", ms: j(34_000) },
      { name: "Phase 5: Gateway deployment", ms: j(30_000) },
    ];
  }
  const p2 = "Phase 2: Build & deploy images";
  const b = [j(128_000), j(105_000), j(46_000)];
  const parallel = plan.mode === "parallel";
  const failed = plan.setupFailure;
  const builds: Step[] = ([
    { name: "Gateway image", ms: b[0], parent: p2, attributes: { peakMemoryMb: j(2150) } },
    { name: "DataStorage image", ms: failed ? 61_000 : b[1], parent: p2, failed, attributes: failed ? { peakMemoryMb: 4096, oomKills: 1 } : { peakMemoryMb: j(1830) } },
    { name: "PostgreSQL + Redis", ms: b[2], parent: p2, attributes: { peakMemoryMb: j(640) } },
  ] as Step[]).map((s) => (parallel ? { ...s, group: "images" } : s));
  const p2ms = parallel ? Math.max(...builds.map((s) => s.ms)) + j(10_000) : b[0] + b[1] + b[2] + j(3_000);
  const steps: Step[] = [{ name: "Phase 1: Kind cluster + CRDs + namespace", ms: j(72_000) }, { name: p2, ms: failed ? b[0] + 2_000 : p2ms, failed }, ...builds];
  if (failed) return steps;
  return [...steps, { name: "Phase 3: DataStorage deployment", ms: j(35_000) }, { name: "Phase 4: Gateway deployment", ms: j(31_000) }];
}

/** Lay the steps out in time: top-level phases one after another, children in parallel (group) or chained. */
function toPhaseInputs(steps: Step[], start: number): { phases: PhaseInput[]; end: number } {
  let cursor = start;
  const phases: PhaseInput[] = [];
  for (const top of steps.filter((s) => !s.parent)) {
    phases.push(phaseInput(top, cursor));
    let childCursor = cursor + 500;
    for (const child of steps.filter((s) => s.parent === top.name)) {
      phases.push(phaseInput(child, child.group ? cursor + 500 : childCursor));
      if (!child.group) childCursor += child.ms;
    }
    cursor += top.ms;
  }
  return { phases, end: cursor };
}

function phaseInput(s: Step, startMs: number): PhaseInput {
  return {
    name: s.name,
    startedAt: new Date(startMs).toISOString(),
    finishedAt: new Date(startMs + s.ms).toISOString(),
    status: s.failed ? "failed" : "passed",
    parent: s.parent,
    group: s.group,
    attributes: s.attributes,
  };
}

/** The one real duration change the demo plants among the noise: Config Reload waits ~4 s longer from day 13 on (parallel runs). */
export const PLANTED_SLOWDOWN = { spec: "Test 24: Config Reload", fromDay: 13, extraMs: 4_000 } as const;

/** A spec's duration: its own typical time with a few percent of jitter (10 ms steps, as Ginkgo reports are often rounded). */
function specMs(plan: RunPlan, i: number, text: string, r: number): number {
  const typical = 700 + ((i * 389) % 1500);
  const planted = plan.mode === "parallel" && plan.day <= PLANTED_SLOWDOWN.fromDay && text.startsWith(PLANTED_SLOWDOWN.spec) ? PLANTED_SLOWDOWN.extraMs : 0;
  return Math.round((typical * (0.97 + r * 0.06) + planted) / 10) * 10;
}

function planOutcomes(plan: RunPlan, rnd: () => number, n: number): SpecOutcome[] {
  return GATEWAY_SPECS.map((spec, i) => {
    const base = specMs(plan, i, spec.text, rnd());
    if (!spec.failure) {
      return plan.origin ? { spec, status: "skipped" as const, ms: 0 } : { spec, status: "passed" as const, ms: base };
    }
    const passes = !plan.origin && spec.passRate !== undefined && rnd() < spec.passRate;
    return passes
      ? { spec, status: "passed" as const, ms: base }
      : { spec, status: "failed" as const, ms: base + 500, message: spec.failure.message(n * 31 + i) };
  });
}

/** Demo team members to assign triage items to. They have no password: an admin sets one to let them sign in. */
const DEMO_TEAM = [
  { email: "priya@demo.runboard.local", name: "Priya Natarajan", role: "lead" },
  { email: "marco@demo.runboard.local", name: "Marco Rossi", role: "triager" },
  { email: "sam@demo.runboard.local", name: "Sam Okafor", role: "triager" },
] as const;

export async function loadGatewayDemo(now = Date.now()): Promise<{ runs: number }> {
  const { project } = await ensureProject(DEMO_PROJECT, "Gateway E2E");
  // members of the demo project with their role there (users.role only says admin or member)
  for (const { role, ...m } of DEMO_TEAM) {
    const u = await db().user.upsert({ where: { email: m.email }, create: m, update: {}, select: { id: true } });
    await db().projectMember.upsert({ where: { projectId_userId: { projectId: project.id, userId: u.id } }, create: { projectId: project.id, userId: u.id, role }, update: {} });
  }
  await db().project.update({
    where: { id: project.id },
    data: {
      timingTarget: { baseline: "sequential", candidate: "parallel", percent: 27 },
      phaseMapping: {
        "Phase 1: Kind cluster + CRDs + namespace": "cluster",
        "Phase 2: Kind cluster + CRDs + namespace": "cluster",
        "Phase 2: Build & deploy images": "images",
        "Phase 1: Build images (parallel)": "images",
        "Phase 3: Load images + PostgreSQL/Redis": "images-load",
        "Phase 3: DataStorage deployment": "datastorage",
        "Phase 4: DataStorage deployment": "datastorage",
        "Phase 4: Gateway deployment": "gateway",
        "Phase 5: Gateway deployment": "gateway",
      },
    },
  });
  const rnd = mulberry32(20260112);
  for (const [n, plan] of PLANS.entries()) {
    const start = now - plan.day * 86_400_000 + Math.round(rnd() * 3_600_000);
    const { run } = await createRun(project.id, {
      project: DEMO_PROJECT,
      mode: plan.mode,
      externalId: `demo-${n + 1}`,
      branch: "main",
      commit: Math.floor(rnd() * 2 ** 48).toString(16).padStart(12, "0"),
      ciUrl: `https://ci.example.com/gateway-e2e/builds/${1040 + n}`,
      runnerHost: "runner-1",
      startedAt: new Date(start).toISOString(),
      labels: { layout: plan.layout },
    }, "demo");
    const { phases, end } = toPhaseInputs(planPhases(plan, rnd), start);
    await recordPhases(run.id, phases);
    let finishedAt = end;
    if (!plan.setupFailure) {
      const outcomes = planOutcomes(plan, rnd, n);
      const xml = renderGinkgoJunit(SUITE_NAME, outcomes, plan.origin ? 38_300 : undefined);
      const raw = new TextEncoder().encode(xml.text);
      await ingestReport({ runId: run.id, report: await parseReport(raw), raw, filename: "junit-gateway-e2e.xml" });
      finishedAt = end + xml.totalMs;
    }
    await finishRun(run.id, { finishedAt: new Date(finishedAt).toISOString(), status: "passed" });
  }
  return { runs: PLANS.length };
}
