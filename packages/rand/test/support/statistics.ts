/**
 * Statistical smoke checks (NIST SP 800-22 §2.1 frequency test, and Pearson's chi-square on
 * byte values). The bounds are two-sided normal / upper chi-square quantiles computed once with
 * python3 (regularized incomplete gamma); each bound's significance level α is the probability
 * that output of an ideal generator fails it.
 */

/** |z| bound of the monobit test for α = 0.001 (two-sided normal quantile 0.9995). */
export const MONOBIT_Z_ALPHA_1E3 = 3.2905267314919255;
/** |z| bound of the monobit test for α = 10⁻⁶ (two-sided normal quantile 1 − 5·10⁻⁷). */
export const MONOBIT_Z_ALPHA_1E6 = 4.891638475714779;
/** χ² bound, 255 degrees of freedom, α = 0.001. */
export const CHI2_255_ALPHA_1E3 = 330.519743634006;
/** χ² bound, 255 degrees of freedom, α = 10⁻⁶. */
export const CHI2_255_ALPHA_1E6 = 377.0781154989866;

const POPCOUNT = Uint8Array.from({ length: 256 }, (_, byte) => {
  let bits = 0;
  for (let b = byte; b > 0; b >>= 1) bits += b & 1;
  return bits;
});

/** The monobit statistic S_n / √n: ones count as +1, zeros as −1; ≈ N(0, 1) for random bits. */
export function monobitZ(bytes: Uint8Array): number {
  let ones = 0;
  for (const byte of bytes) ones += POPCOUNT[byte] ?? 0;
  const n = bytes.length * 8;
  return (2 * ones - n) / Math.sqrt(n);
}

/** Pearson's χ² of the byte-value histogram against the uniform distribution (255 degrees of freedom). */
export function chiSquareBytes(bytes: Uint8Array): number {
  const counts = new Float64Array(256);
  for (const byte of bytes) counts[byte] = (counts[byte] ?? 0) + 1;
  const expected = bytes.length / 256;
  let chi2 = 0;
  for (const count of counts) chi2 += (count - expected) ** 2 / expected;
  return chi2;
}
