// The generated half of the labelled failure set (failure-signature.corpus.test.ts):
// the same failure with other run-specific noise (ids of any alphabet and
// length, pods, timestamps, durations, paths, ports, UUIDs, hex), and
// project-authored failures in the shapes the Gateway demo and Kubernetes
// suites print. Seeded, so the set and its figures are the same on every run.

import { mulberry32 } from "@/lib/analysis/timing/bootstrap";

export interface Labelled {
  message: string;
  /** expected group: messages with the same label are the same failure */
  group: string;
  /** where it came from, for listing misses */
  origin: string;
}

/** Seeded, so the labelled set is the same on every run (the statistics' own generator). */
export const seededRandom = mulberry32;

export class Noise {
  constructor(private readonly rnd: () => number) {}
  int(lo: number, hi: number) {
    return lo + Math.floor(this.rnd() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(0, xs.length - 1)];
  }
  chars(alphabet: string, n: number) {
    return Array.from({ length: n }, () => alphabet[this.int(0, alphabet.length - 1)]).join("");
  }
  /** a request/job id: decimal, hex, the k8s alphabet or base36, 1 to 12 characters */
  id() {
    const kind = this.int(0, 3);
    if (kind === 0) return String(this.int(1, 10 ** this.int(1, 9)));
    if (kind === 1) return this.chars("0123456789abcdef", this.int(4, 12));
    if (kind === 2) return this.chars("bcdfghjklmnpqrstvwxz2456789", 5);
    return this.chars("0123456789abcdefghijklmnopqrstuvwxyz", this.int(4, 12));
  }
  pod(name = "gateway") {
    return this.int(0, 1) ? `${name}-${this.chars("bcdfghjklmnpqrstvwxz2456789", 10)}-${this.chars("bcdfghjklmnpqrstvwxz2456789", 5)}` : `${name}-${this.chars("bcdfghjklmnpqrstvwxz2456789", 5)}`;
  }
  uuid() {
    const h = (n: number) => this.chars("0123456789abcdef", n);
    return `${h(8)}-${h(4)}-${h(4)}-${h(4)}-${h(12)}`;
  }
  hex(n = 16) {
    return this.chars("0123456789abcdef", n);
  }
  ip() {
    return `10.${this.int(0, 255)}.${this.int(0, 255)}.${this.int(1, 254)}`;
  }
  port() {
    return this.int(1024, 65535);
  }
  duration() {
    return this.pick([`${this.int(1, 120)}.${String(this.int(0, 999)).padStart(3, "0")}s`, `${this.int(1, 9000)}ms`, `${this.int(1, 59)}m${this.int(0, 59)}s`, `${this.int(1, 5000)} ms`]);
  }
  time() {
    const d = new Date(Date.UTC(2026, this.int(0, 11), this.int(1, 28), this.int(0, 23), this.int(0, 59), this.int(0, 59), this.int(0, 999)));
    return this.int(0, 1) ? d.toISOString() : d.toISOString().replace("T", " ").replace("Z", " +0000 UTC");
  }
  tmp() {
    return this.pick([`/tmp/${this.pick(["ginkgo", "TestGateway", "e2e-", "jest_"])}${this.chars("0123456789abcdefghijklmnopqrstuvwxyz", this.int(4, 10))}`, `/var/folders/${this.chars("abcdefghijklmnopqrstuvwxyz0123456789_", 2)}/${this.chars("abcdefghijklmnopqrstuvwxyz0123456789_", 30)}/T/run${this.int(1, 99999)}`]);
  }
}

/** The same failure with its noise replaced: addresses, ports, durations, source lines, hex addresses, home paths. */
export function substituteNoise(message: string, n: Noise): string {
  return message
    .replace(/\b(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?/g, (m) => (m.includes(":") ? `${n.ip()}:${n.port()}` : n.ip()))
    .replace(/\b\d{1,6}(?:\.\d{1,3})?(?:ms|s)\b/g, () => n.duration().replace(" ", ""))
    .replace(/\.(go|cpp|rb|rs|py|ts|java):\d{1,5}(?::\d{1,4})?/g, (_, ext: string) => `.${ext}:${n.int(1, 999)}${n.int(0, 1) ? `:${n.int(1, 80)}` : ""}`)
    .replace(/\b0x[0-9a-f]{4,16}\b/g, () => `0x${n.hex(n.int(6, 12))}`)
    .replace(/\/home\/[a-z]{2,12}\/[a-z]{2,12}\//g, () => `/home/${n.pick(["ci", "runner", "dev", "build"])}/${n.pick(["work", "src", "ws"])}/`);
}

/** One-line noise put in front of a message: the same template with other ids is the same failure. */
export const ENVELOPES: ((n: Noise) => string)[] = [
  (n) => `[${n.time()}] request req-${n.id()} failed: `,
  (n) => `pod ${n.pod()} (node ${n.ip()}:${n.port()}) after ${n.duration()}: `,
  (n) => `run ${n.uuid()} in ${n.tmp()} trace ${n.hex(32)}: `,
  (n) => `worker_${n.id()} job-${n.id()} at 0x${n.hex(10)}: `,
];

const K8S_FAILURES: [group: string, make: (n: Noise) => string][] = [
  ["prometheus-500-not-400", (n) => `[FAILED] Expected\n    <int>: 500\nto equal\n    <int>: 400\nPOST /api/v1/signals/prometheus (request id req-${n.id()})`],
  ["prometheus-200-not-400", (n) => `[FAILED] Expected\n    <int>: 200\nto equal\n    <int>: 400\nPOST /api/v1/signals/prometheus (request id req-${n.id()})`],
  ["prometheus-429-not-201", (n) => `[FAILED] Expected\n    <int>: 429\nto equal\n    <int>: 201\nPOST /api/v1/signals/prometheus (request id req-${n.id()})`],
  ["k8s-event-202-not-201", (n) => `[FAILED] Expected\n    <int>: 202\nto equal\n    <int>: 201\nPOST /api/v1/signals/kubernetes-event (request id req-${n.id()})`],
  ["crd-not-created", (n) => `[FAILED] Timed out after ${n.duration()}.\nRemediationRequest gateway-alert-${n.hex(8)} was not created in namespace kubernaut-system\nExpected\n    <int>: 0\nto be >=\n    <int>: 1`],
  ["datastorage-refused", (n) => { const a = `${n.ip()}:${n.port()}`; return `[FAILED] Post "http://${a}/api/v1/signals": dial tcp ${a}: connect: connection refused (datastorage)`; }],
  ["datastorage-io-timeout", (n) => { const a = `${n.ip()}:${n.port()}`; return `[FAILED] Post "http://${a}/api/v1/signals": dial tcp ${a}: i/o timeout (datastorage)`; }],
  ["pod-not-ready", (n) => `pod ${n.pod()} is not ready after ${n.duration()}: container gateway restarted ${n.int(1, 9)} times`],
  ["pod-oomkilled", (n) => `container gateway in pod ${n.pod()} terminated: OOMKilled (exit code 137)`],
  ["namespace-terminating", (n) => `namespace ${n.pod("e2e-gw")} still terminating at ${n.time()}`],
  ["signal-not-found", (n) => `signal ${n.uuid()} not found in DataStorage at ${n.time()} (took ${n.duration()})`],
  ["kubeconfig-missing", (n) => `open ${n.tmp()}/kubeconfig: no such file or directory`],
  ["url-error", (n) => `Unexpected error:\n    <*url.Error | 0xc000${n.hex(6)}>: {Op: "Post"}\n    /home/${n.pick(["ci", "runner"])}/work/gw/test/e2e/gateway/errors_test.go:${n.int(40, 90)} +0x${n.hex(3)}`],
  ["dedup-url-error", (n) => `Unexpected error:\n    <*url.Error | 0xc000${n.hex(6)}>: {Op: "Post"}\n    /home/${n.pick(["ci", "runner"])}/work/gw/test/e2e/gateway/dedup_test.go:${n.int(40, 90)} +0x${n.hex(3)}`],
  ["jest-test-timeout", (n) => `thrown: "Exceeded timeout of ${n.int(1, 60) * 1000} ms for a test."`],
  ["econnrefused", (n) => `Error: connect ECONNREFUSED ${n.ip()}:${n.port()}`],
  ["trace-mismatch", (n) => `span ${n.hex(16)} of trace ${n.hex(32)} has no parent (job ${n.id()})`],
];

/** Project-authored failures: `perGroup` variants of each, with fresh noise. */
export function syntheticFailures(n: Noise, perGroup: number): Labelled[] {
  return K8S_FAILURES.flatMap(([group, make]) =>
    Array.from({ length: perGroup }, (_, i) => ({ message: make(n), group: `synthetic:${group}`, origin: `synthetic ${group} #${i}` })),
  );
}

export interface PairwiseScore {
  precision: number;
  recall: number;
  truePairs: number;
  predictedPairs: number;
  falsePositives: [Labelled, Labelled][];
  falseNegatives: [Labelled, Labelled][];
}

/** Pairwise precision and recall of a grouping against the expected labels, over all pairs. */
export function scorePairs(items: Labelled[], key: (l: Labelled) => string): PairwiseScore {
  const keys = items.map(key);
  let tp = 0;
  let predicted = 0;
  let expected = 0;
  const falsePositives: [Labelled, Labelled][] = [];
  const falseNegatives: [Labelled, Labelled][] = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const p = keys[i] === keys[j];
      const e = items[i].group === items[j].group;
      if (p) predicted++;
      if (e) expected++;
      if (p && e) tp++;
      else if (p) falsePositives.push([items[i], items[j]]);
      else if (e) falseNegatives.push([items[i], items[j]]);
    }
  }
  return { precision: predicted ? tp / predicted : 1, recall: expected ? tp / expected : 1, truePairs: expected, predictedPairs: predicted, falsePositives, falseNegatives };
}
