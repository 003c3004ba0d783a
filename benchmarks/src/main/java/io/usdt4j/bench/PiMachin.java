// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.bench;

import java.util.Arrays;

/**
 * Decimal digits of pi by Machin's formula, pi = 16 arctan(1/5) - 4 arctan(1/239), each
 * arctangent summed by Euler's series, in fixed point on limbs of nine decimal digits. The loop
 * benchmark's unit of work: about 0.3 ms for 1000 digits, where the Rabinowitz-Wagon spigot
 * ({@code PiSpigot}, now the tests' oracle) takes about 14.5 ms. Every call computes all digits
 * anew from nothing; no state survives from one call to the next.
 *
 * <p>Why these choices. Machin's formula needs about 930 series terms for 1000 digits, each one
 * pass over the limbs, so the cost is O(digits squared) like the spigot's but with a far smaller
 * constant. Euler's series, arctan(1/p) = sum over n of t(n), t(0) = p / (p^2 + 1),
 * t(n) = t(n-1) * 2n / ((2n + 1)(p^2 + 1)), has only positive terms and makes each term from the
 * last in a single multiply-and-divide pass that also adds the term to the sum; Gregory's series
 * (1/p - 1/3p^3 + ...) would need two divisions per limb and term. Limbs of 10^9 make the digits
 * fall out without a conversion from binary, and keep every intermediate below 2^63. Faster
 * methods exist (Chudnovsky's series with binary splitting) but are much longer to write and to
 * check; this one is short and already fast enough for the benchmark's 100,000 iterations.
 *
 * <p>Each pass truncates its quotients, so an arctangent's sum errs by about one unit of the last
 * limb (10^-1017) per term: at most about 2 x 10^4 such units once weighted by 16 and 4. Two guard
 * limbs (18 digits) beyond the 999 decimals written keep that error away from them, unless the
 * decimals after the 999th began with a run of about 13 nines or zeros, which they do not (they
 * are 93809525720...).
 */
final class PiMachin {
    private static final long BASE = 1_000_000_000L;
    private static final int DIGITS_PER_LIMB = 9;
    private static final int GUARD_LIMBS = 2;

    private final int digits;
    /** Limb 0 is the integer part; limb i (i >= 1) holds decimals 9i-8 to 9i. */
    private final long[] term;
    /** 16 arctan(1/5) - 4 arctan(1/239), limbs not yet carried into 0 .. BASE-1. */
    private final long[] sum;

    PiMachin(int digits) {
        if ((digits - 1) % DIGITS_PER_LIMB != 0) {
            throw new IllegalArgumentException("digits - 1 must be a multiple of " + DIGITS_PER_LIMB + ": " + digits);
        }
        this.digits = digits;
        int limbs = 1 + (digits - 1) / DIGITS_PER_LIMB + GUARD_LIMBS;
        this.term = new long[limbs];
        this.sum = new long[limbs];
    }

    /** Writes "31415..." ({@code digits} digits, the leading 3 included) into {@code out}. */
    void compute(byte[] out) {
        Arrays.fill(sum, 0);
        addArctan(5, 16);
        addArctan(239, -4);
        carry();
        out[0] = (byte) ('0' + sum[0]);
        for (int limb = 1, at = 1; at < digits; limb++, at += DIGITS_PER_LIMB) {
            long value = sum[limb];
            for (int k = DIGITS_PER_LIMB - 1; k >= 0; k--) {
                out[at + k] = (byte) ('0' + value % 10);
                value /= 10;
            }
        }
    }

    /** Adds {@code weight} x arctan(1/p) to {@code sum} by Euler's series. */
    private void addArctan(int p, long weight) {
        long[] t = term;
        long[] s = sum;
        Arrays.fill(t, 0);
        t[0] = p; // t(0) = p / (p^2 + 1): the first pass divides p by p^2 + 1
        long p2plus1 = (long) p * p + 1;
        int first = 0; // the limbs before it are zero in t, which only shrinks
        for (int n = 0; first < t.length; n++) {
            long multiplier = n == 0 ? 1 : 2L * n;
            long divisor = (2L * n + 1) * p2plus1; // below 2^25 for the terms 1000 digits need
            long remainder = 0;
            for (int i = first; i < t.length; i++) {
                // remainder < divisor, t[i] < BASE and multiplier < 2^11: cur < 2^56.
                long cur = remainder * BASE + t[i] * multiplier;
                long q = cur / divisor;
                remainder = cur - q * divisor;
                t[i] = q;
                s[i] += weight * q;
            }
            while (first < t.length && t[first] == 0) {
                first++;
            }
        }
    }

    /** Carries {@code sum} into limbs of 0 .. BASE-1 (the partial sums may be negative or large). */
    private void carry() {
        long carry = 0;
        for (int i = sum.length - 1; i > 0; i--) {
            long value = sum[i] + carry;
            carry = Math.floorDiv(value, BASE);
            sum[i] = value - carry * BASE;
        }
        sum[0] += carry;
    }
}
