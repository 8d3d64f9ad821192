/**
 * Statistics for the timing-oracle benchmarks (docs/measuring.md#the-timing-oracle-test):
 * quantiles, a summary, Welch's t (raw and cropped at the pooled 90th percentile) and the two-sample
 * Kolmogorov–Smirnov test. Pure functions on plain arrays; inputs are never mutated.
 */

export interface Summary {
  n: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  min: number;
  max: number;
}

export { type KsResult, kolmogorovSurvival, ksTest } from "./ks-test.ts";

/** An ascending copy; a typed array sorts numerically without a comparator call per pair. */
function sortedCopy(xs: readonly number[]): Float64Array {
  return Float64Array.from(xs).sort();
}

/** Quantile of an ascending-sorted array, linear interpolation between order statistics (R type 7). */
function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const loValue = sorted[lo] as number;
  if (lo + 1 >= sorted.length) return loValue;
  return loValue + (h - lo) * ((sorted[lo + 1] as number) - loValue);
}

/** The q-quantile (0 ≤ q ≤ 1) with linear interpolation, as numpy's and R's defaults compute it. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) throw new RangeError("quantile of an empty sample");
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile q must be in [0, 1], got ${q}`);
  return quantileSorted(sortedCopy(xs), q);
}

export function summary(xs: readonly number[]): Summary {
  if (xs.length === 0) throw new RangeError("summary of an empty sample");
  const s = sortedCopy(xs);
  let sum = 0;
  for (const x of xs) sum += x;
  return {
    n: xs.length,
    mean: sum / xs.length,
    p50: quantileSorted(s, 0.5),
    p90: quantileSorted(s, 0.9),
    p99: quantileSorted(s, 0.99),
    min: s[0] as number,
    max: s[s.length - 1] as number,
  };
}

function meanAndVariance(xs: readonly number[]): { mean: number; variance: number } {
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  let ss = 0;
  for (const x of xs) ss += (x - mean) * (x - mean);
  return { mean, variance: ss / (xs.length - 1) };
}

/**
 * Welch's t statistic (unequal variances) for mean(a) − mean(b). Two constant samples give 0 when
 * equal and ±Infinity when they differ (a perfect separation is the strongest possible signal).
 */
export function welchT(a: readonly number[], b: readonly number[]): number {
  if (a.length < 2 || b.length < 2) throw new RangeError("welchT needs at least 2 values per sample");
  const x = meanAndVariance(a);
  const y = meanAndVariance(b);
  const diff = x.mean - y.mean;
  const se = Math.sqrt(x.variance / a.length + y.variance / b.length);
  if (se === 0) return diff === 0 ? 0 : Math.sign(diff) * Number.POSITIVE_INFINITY;
  return diff / se;
}

/**
 * Welch's t after dropping, from both samples, every value above the POOLED q-quantile. Cropping the
 * slow tail (GC pauses, scheduler hiccups) keeps rare outliers from hiding a small steady shift.
 * If a sample keeps fewer than 2 values, it lies almost entirely above the other: report that as a
 * perfect separation (±Infinity, the sign of the raw mean difference) rather than throwing.
 */
export function croppedWelchT(a: readonly number[], b: readonly number[], q = 0.9): number {
  const cut = quantile([...a, ...b], q);
  const ca = a.filter((x) => x <= cut);
  const cb = b.filter((x) => x <= cut);
  if (ca.length < 2 || cb.length < 2) {
    const t = welchT(a, b);
    return t === 0 ? 0 : Math.sign(t) * Number.POSITIVE_INFINITY;
  }
  return welchT(ca, cb);
}
