// The Gateway E2E suite the demo mirrors: 24 Ginkgo specs, 16 of which fail
// in the origin run (each carrying requirement IDs; BR-GATEWAY-018 names two)
// and 8 that were skipped there. Failure texts imitate Gomega's output so the
// signature grouping and root-cause suggestions have real material.

export type DemoCause = "timing" | "expectation" | "test_data" | "product_bug" | "infrastructure";

export interface DemoSpec {
  /** Ginkgo container + leaf text, joined the way Ginkgo's JUnit reporter joins them */
  text: string;
  file: string;
  /** fails in the origin run; undefined for the 8 that were skipped there */
  failure?: { cause: DemoCause; message: (n: number) => string };
  /** share of other runs in which a failing spec still passes (flaky ones) */
  passRate?: number;
}

const timeout = (what: string, s: number) => (n: number) =>
  `[FAILED] Timed out after ${s}.${String(n % 1000).padStart(3, "0")}s.\n${what}\nExpected\n    <int>: 0\nto be >=\n    <int>: 1`;
const statusMismatch = (want: number, got: number, path: string) => (n: number) =>
  `[FAILED] Expected\n    <int>: ${got}\nto equal\n    <int>: ${want}\nPOST ${path} (request id req-${(n * 7919).toString(16)})`;
const refused = (svc: string, port: number) => (n: number) =>
  `[FAILED] Post "http://10.96.${n % 250}.${(n * 13) % 250}:${port}/api/v1/signals": dial tcp 10.96.${n % 250}.${(n * 13) % 250}:${port}: connect: connection refused (${svc})`;

export const GATEWAY_SPECS: DemoSpec[] = [
  {
    text: "Test 01: Prometheus Alert Ingestion (BR-GATEWAY-001) should create a RemediationRequest CRD for a firing alert",
    file: "test/e2e/gateway/01_prometheus_alert_test.go",
    failure: { cause: "timing", message: timeout("RemediationRequest gateway-alert-<hash> was not created in namespace kubernaut-system", 30) },
    passRate: 0.35,
  },
  {
    text: "Test 02: Kubernetes Event Ingestion (BR-GATEWAY-002) should accept Warning events from the event exporter",
    file: "test/e2e/gateway/02_k8s_event_test.go",
    failure: { cause: "expectation", message: statusMismatch(201, 202, "/api/v1/signals/kubernetes-event") },
  },
  {
    text: "Test 03: Deduplication (BR-GATEWAY-003, BR-GATEWAY-005) should increment the occurrence count for a duplicate signal",
    file: "test/e2e/gateway/03_deduplication_test.go",
    failure: { cause: "timing", message: timeout("occurrenceCount stayed at 1", 20) },
    passRate: 0.4,
  },
  {
    text: "Test 04: Storm Detection (BR-GATEWAY-008 to BR-GATEWAY-010) should aggregate a burst of 15 alerts into one storm CRD",
    file: "test/e2e/gateway/04_storm_detection_test.go",
    failure: { cause: "product_bug", message: () => "[FAILED] Expected\n    <int>: 15\nto equal\n    <int>: 1\nstorm aggregation is not implemented: every alert produced its own CRD" },
  },
  {
    text: "Test 05: Environment Classification (BR-GATEWAY-011) should label the namespace's environment from its labels",
    file: "test/e2e/gateway/05_environment_test.go",
    failure: { cause: "test_data", message: () => "[FAILED] failed to load fixture testdata/namespaces/production-ns.yaml: open testdata/namespaces/production-ns.yaml: no such file or directory" },
  },
  {
    text: "Test 06: Priority Assignment (BR-GATEWAY-013) should assign P0 to critical production alerts",
    file: "test/e2e/gateway/06_priority_test.go",
    failure: { cause: "expectation", message: () => '[FAILED] Expected\n    <string>: "P1"\nto equal\n    <string>: "P0"' },
  },
  {
    text: "Test 07: Rate Limiting (BR-GATEWAY-018) should answer 429 after 100 requests per minute from one source",
    file: "test/e2e/gateway/07_rate_limit_test.go",
    failure: { cause: "product_bug", message: statusMismatch(429, 201, "/api/v1/signals/prometheus") },
  },
  {
    text: "Test 08: Rate Limiting (BR-GATEWAY-018, 021) should include a Retry-After header in 429 responses",
    file: "test/e2e/gateway/08_rate_limit_headers_test.go",
    failure: { cause: "product_bug", message: () => '[FAILED] Expected\n    <string>: ""\nnot to be empty\nRetry-After header missing' },
  },
  {
    text: "Test 09: CRD Schema Validation (BR-GATEWAY-024) should reject a signal without a fingerprint",
    file: "test/e2e/gateway/09_crd_validation_test.go",
    failure: { cause: "expectation", message: statusMismatch(400, 500, "/api/v1/signals/prometheus") },
  },
  {
    text: "Test 10: Graceful Shutdown (BR-GATEWAY-026) should finish in-flight requests before exiting",
    file: "test/e2e/gateway/10_shutdown_test.go",
    failure: { cause: "timing", message: timeout("gateway pod still Terminating", 60) },
    passRate: 0.3,
  },
  {
    text: "Test 11: HTTP Server (BR-HTTP-015) should enforce a 10s read header timeout",
    file: "test/e2e/gateway/11_http_timeouts_test.go",
    failure: { cause: "expectation", message: () => "[FAILED] Expected\n    <bool>: false\nto be true\nslowloris connection was not closed by the server" },
  },
  {
    text: "Test 12: Audit Events (BR-GATEWAY-051, DD-GATEWAY-009) should write one audit event per accepted signal to DataStorage",
    file: "test/e2e/gateway/12_audit_test.go",
    failure: { cause: "infrastructure", message: refused("datastorage", 8080) },
    passRate: 0.2,
  },
  {
    text: "Test 13: Metrics (BR-GATEWAY-066) should expose gateway_signals_received_total on /metrics",
    file: "test/e2e/gateway/13_metrics_test.go",
    failure: { cause: "test_data", message: () => '[FAILED] metric "gateway_signals_received_total" not found; scraped 0 families from http://localhost:30090/metrics (test config points at NodePort 30090, service uses 30091)' },
  },
  {
    text: "Test 14: Multi-Namespace Isolation (BR-GATEWAY-071) should keep CRDs in the signal's namespace",
    file: "test/e2e/gateway/14_namespace_test.go",
    failure: { cause: "expectation", message: () => '[FAILED] Expected\n    <string>: "kubernaut-system"\nto equal\n    <string>: "team-payments"' },
  },
  {
    text: "Test 15: Redis Failover (DD-GATEWAY-012) should keep deduplicating after a Redis restart",
    file: "test/e2e/gateway/15_redis_failover_test.go",
    failure: { cause: "timing", message: timeout("deduplication state was not rebuilt after Redis restart", 45) },
    passRate: 0.25,
  },
  {
    text: "Test 17: Error Response Codes (BR-GATEWAY-101, BR-GATEWAY-043) HTTP Error Response Validation should return 400 for malformed JSON",
    file: "test/e2e/gateway/17_error_codes_test.go",
    failure: { cause: "expectation", message: statusMismatch(400, 500, "/api/v1/signals/prometheus") },
  },
  { text: "Test 16: Health Endpoints (BR-GATEWAY-090) should answer /healthz and /readyz", file: "test/e2e/gateway/16_health_test.go" },
  { text: "Test 18: CORS (BR-HTTP-020) should reject cross-origin requests by default", file: "test/e2e/gateway/18_cors_test.go" },
  { text: "Test 19: Payload Limits (BR-HTTP-031) should reject bodies over 1 MiB with 413", file: "test/e2e/gateway/19_payload_limits_test.go" },
  { text: "Test 20: Signal Adapters (BR-GATEWAY-030) should list the registered adapters", file: "test/e2e/gateway/20_adapters_test.go" },
  { text: "Test 21: Fingerprinting (BR-GATEWAY-004) should compute the same fingerprint for identical alerts", file: "test/e2e/gateway/21_fingerprint_test.go" },
  { text: "Test 22: TLS (DD-GATEWAY-015) should serve the API over TLS when a certificate is mounted", file: "test/e2e/gateway/22_tls_test.go" },
  { text: "Test 23: Authentication (BR-GATEWAY-036) should reject requests without a ServiceAccount token", file: "test/e2e/gateway/23_auth_test.go" },
  { text: "Test 24: Config Reload (BR-GATEWAY-082) should pick up a changed ConfigMap without a restart", file: "test/e2e/gateway/24_config_reload_test.go" },
];

export const SUITE_NAME = "Gateway E2E Suite";
