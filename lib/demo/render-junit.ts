// Render spec outcomes as the JUnit XML Ginkgo v2's --junit-report writes
// (testsuites > testsuite with SuiteSucceeded properties, "[It] " names,
// status attributes, failure bodies with the spec location).
import type { DemoSpec } from "@/lib/demo/gateway-specs";

export interface SpecOutcome {
  spec: DemoSpec;
  status: "passed" | "failed" | "skipped";
  ms: number;
  message?: string;
}

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/\n/g, "&#xA;");

/** totalMs: force the suite's wall time (spread over the specs that ran). */
export function renderGinkgoJunit(suite: string, outcomes: SpecOutcome[], totalMs?: number) {
  const ran = outcomes.filter((o) => o.status !== "skipped");
  const sum = ran.reduce((s, o) => s + o.ms, 0);
  const scale = totalMs && sum ? totalMs / sum : 1;
  const secs = (ms: number) => (ms / 1000).toFixed(6);
  const failures = outcomes.filter((o) => o.status === "failed").length;
  const skipped = outcomes.length - ran.length;
  const cases = outcomes.map((o) => {
    const ms = o.status === "skipped" ? 0 : Math.round(o.ms * scale);
    const attrs = `name="${esc(`[It] ${o.spec.text}`)}" classname="${esc(suite)}" status="${o.status}" time="${secs(ms)}"`;
    if (o.status === "skipped") return `    <testcase ${attrs}>\n      <skipped message="skipped"></skipped>\n    </testcase>`;
    if (o.status === "passed") return `    <testcase ${attrs}></testcase>`;
    const line = 40 + (o.spec.text.length % 90);
    const body = `${o.message}\nIn [It] at: /workspace/${o.spec.file}:${line}`;
    return `    <testcase ${attrs}>\n      <failure message="${esc(o.message ?? "")}" type="failed">${esc(body)}</failure>\n      <system-err>${esc(`&gt; Enter [It] ${o.spec.text}\n[FAILED] in [It]`)}</system-err>\n    </testcase>`;
  });
  const total = Math.round(sum * scale);
  const text = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites tests="${outcomes.length}" disabled="${skipped}" errors="0" failures="${failures}" time="${secs(total)}">
  <testsuite name="${esc(suite)}" package="/workspace/test/e2e/gateway" tests="${outcomes.length}" disabled="0" skipped="${skipped}" errors="0" failures="${failures}" time="${secs(total)}">
    <properties>
      <property name="SuiteSucceeded" value="${failures === 0}"></property>
      <property name="SuiteHasProgrammaticFocus" value="false"></property>
      <property name="RandomSeed" value="1736672400"></property>
    </properties>
${cases.join("\n")}
  </testsuite>
</testsuites>
`;
  return { text, totalMs: total };
}
