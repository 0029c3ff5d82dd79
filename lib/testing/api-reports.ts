// Reports the API tests post: a Ginkgo-shaped suite of three specs (one
// passing, one failing with a requirement ID, one skipped), and the wrapper
// for tests that need other cases.
export const junit = (cases: string) =>
  `<?xml version="1.0"?><testsuites><testsuite name="Gateway E2E Suite">${cases}</testsuite></testsuites>`;

export const GOOD = junit(
  `<testcase name="[It] ok (BR-GATEWAY-090)" classname="Gateway E2E Suite" time="1.5"/>` +
    `<testcase name="[It] rate limit (BR-GATEWAY-018)" classname="Gateway E2E Suite" time="2"><failure message="Expected 429 to equal 201">stack</failure></testcase>` +
    `<testcase name="[It] tls" classname="Gateway E2E Suite"><skipped/></testcase>`,
);
