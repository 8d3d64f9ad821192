/**
 * Two-sample Kolmogorov–Smirnov test with the asymptotic (Kolmogorov-distribution) p-value.
 * Latency samples are rounded to the timer's resolution, so ties are common; the statistic below
 * steps over every copy of a tied value in BOTH samples before comparing the empirical CDFs, which
 * is what makes D correct with ties (comparing after each single element would overstate D).
 */

export interface KsResult {
  /** sup |F_a(x) − F_b(x)| over all x. */
  d: number;
  /** Asymptotic two-sided p-value Q_KS(√(nm/(n+m)) · D). */
  p: number;
}

/**
 * Survival function of the Kolmogorov distribution, Q(λ) = P(K > λ). Two series, each used where
 * it converges in a few terms: the alternating one 2Σ(−1)^(k−1)e^(−2k²λ²) for large λ and the
 * Jacobi-theta form 1 − (√(2π)/λ)Σe^(−(2k−1)²π²/(8λ²)) for small λ (both are classical identities).
 */
export function kolmogorovSurvival(lambda: number): number {
  if (!(lambda > 0)) return 1;
  let q: number;
  if (lambda < 1.18) {
    const c = (-Math.PI * Math.PI) / (8 * lambda * lambda);
    let sum = 0;
    for (let k = 1; k <= 20; k++) {
      const odd = 2 * k - 1;
      const term = Math.exp(c * odd * odd);
      sum += term;
      if (term < 1e-17 * sum) break;
    }
    q = 1 - (Math.sqrt(2 * Math.PI) / lambda) * sum;
  } else {
    let sum = 0;
    for (let k = 1; k <= 100; k++) {
      const term = Math.exp(-2 * k * k * lambda * lambda);
      sum += k % 2 === 1 ? term : -term;
      if (term < 1e-17 * sum) break;
    }
    q = 2 * sum;
  }
  return Math.min(1, Math.max(0, q));
}

/** The KS statistic D for two samples (any order, ties allowed). */
function ksStatistic(a: readonly number[], b: readonly number[]): number {
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  const n = x.length;
  const m = y.length;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    const v = Math.min(x[i] as number, y[j] as number);
    while (i < n && x[i] === v) i++;
    while (j < m && y[j] === v) j++;
    const gap = Math.abs(i / n - j / m);
    if (gap > d) d = gap;
  }
  // Once one sample is exhausted its CDF is 1 and the other's only climbs towards 1: D is final.
  return d;
}

export function ksTest(a: readonly number[], b: readonly number[]): KsResult {
  if (a.length === 0 || b.length === 0) throw new RangeError("ksTest needs non-empty samples");
  const d = ksStatistic(a, b);
  const en = (a.length * b.length) / (a.length + b.length);
  return { d, p: kolmogorovSurvival(Math.sqrt(en) * d) };
}
