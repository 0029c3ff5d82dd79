// Standard normal distribution, needed for the large-sample Mann-Whitney
// approximation and the matching Hodges-Lehmann interval. Hand-written
// rather than a dependency: two functions, tested against Python's
// statistics.NormalDist (see normal.test.ts).

/**
 * Φ(x), the standard normal CDF. Hart's (1968) double-precision rational
 * approximation as published by G. West, "Better approximations to
 * cumulative normal functions" (Wilmott, 2005); absolute error < 1e-14,
 * which is far below anything a p-value is rounded to.
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  let tail: number;
  if (a > 37) {
    tail = 0;
  } else {
    const e = Math.exp((-a * a) / 2);
    if (a < 7.07106781186547) {
      let num = 3.52624965998911e-2 * a + 0.700383064443688;
      num = num * a + 6.37396220353165;
      num = num * a + 33.912866078383;
      num = num * a + 112.079291497871;
      num = num * a + 221.213596169931;
      num = num * a + 220.206867912376;
      let den = 8.83883476483184e-2 * a + 1.75566716318264;
      den = den * a + 16.064177579207;
      den = den * a + 86.7807322029461;
      den = den * a + 296.564248779674;
      den = den * a + 637.333633378831;
      den = den * a + 793.826512519948;
      den = den * a + 440.413735824752;
      tail = (e * num) / den;
    } else {
      // Continued fraction for the far tail, where the rational form loses accuracy.
      let b = a + 0.65;
      b = a + 4 / b;
      b = a + 3 / b;
      b = a + 2 / b;
      b = a + 1 / b;
      tail = e / b / 2.506628274631;
    }
  }
  return x > 0 ? 1 - tail : tail;
}

/**
 * Φ⁻¹(p) by bisection on normalCdf. Only called a handful of times per
 * comparison, so 200 halvings (exact to the last bit) cost nothing and
 * keep a single source of truth for the normal distribution.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normal quantile needs 0 < p < 1, got ${p}`);
  let lo = -40;
  let hi = 40;
  for (let i = 0; i < 200 && hi - lo > 0; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
