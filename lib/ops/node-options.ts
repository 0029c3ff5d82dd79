// Node.js options of the web processes (decision 29). V8's young generation
// ("semi-space", 16 MB by default on 64-bit) is where every request's
// short-lived objects are born. A 1k-case upload (its XML, parsed cases, COPY
// text) and a page render (the React tree, the RSC payload) each allocate
// megabytes, so with the default size scavenges ran often under load and
// promoted objects that were about to die to the old generation, whose GC is
// dearer. Three interleaved bench:load runs each (20 clients, 5 readers, 2
// cores; docs/benchmarks.md "Session 8"): 16 MB 22.6-25.1 runs/s at 74-83 ms
// of CPU per run, 64 MB 24.7-27.1 runs/s at 69-75 ms, and a lower RSS peak.
export const WEB_SEMI_SPACE_MB = 64;

/** NODE_OPTIONS for a web process: the caller's, plus the semi-space size unless they set one. */
export function webNodeOptions(current: string | undefined): string {
  const given = (current ?? "").trim();
  if (/--max-semi-space-size\b/.test(given)) return given;
  return [given, `--max-semi-space-size=${WEB_SEMI_SPACE_MB}`].filter(Boolean).join(" ");
}
