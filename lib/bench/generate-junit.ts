// Synthetic JUnit reports shaped like real suites (the same shape as the
// figures in shared/recipes/PERF-FACTS.md): 100 cases per suite, 5 % failures
// with 13-line stack traces, 3 % skipped. Deterministic for a given seed.

const STACK = Array.from({ length: 13 }, (_, i) => `    at com.example.gateway.Service${i}.handle(Service${i}.java:${100 + i * 7})`).join("\n");

export function generateJunit(cases: number, opts: { seed?: number; suitePrefix?: string } = {}): string {
  let seed = opts.seed ?? 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const parts: string[] = [`<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="bench" tests="${cases}">\n`];
  const perSuite = 100;
  for (let s = 0; s * perSuite < cases; s++) {
    const n = Math.min(perSuite, cases - s * perSuite);
    const suite = `${opts.suitePrefix ?? "com.example.gateway"}.Suite${s}`;
    parts.push(`  <testsuite name="${suite}" tests="${n}" time="${(n * 0.05).toFixed(3)}">\n`);
    for (let i = 0; i < n; i++) {
      const r = rnd();
      const head = `    <testcase classname="${suite}" name="test_${s}_${i} handles request (BR-GATEWAY-${String((s * perSuite + i) % 1000).padStart(3, "0")})" time="${(rnd() * 0.1).toFixed(4)}"`;
      if (r < 0.05) {
        parts.push(`${head}>\n      <failure message="expected 201 but was ${500 + (i % 4)}" type="AssertionError">java.lang.AssertionError: expected 201 but was ${500 + (i % 4)}\n${STACK}</failure>\n    </testcase>\n`);
      } else if (r < 0.08) {
        parts.push(`${head}>\n      <skipped message="not supported on kind"/>\n    </testcase>\n`);
      } else {
        parts.push(`${head}/>\n`);
      }
    }
    parts.push("  </testsuite>\n");
  }
  parts.push("</testsuites>\n");
  return parts.join("");
}
