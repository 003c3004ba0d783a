// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.bench;

/**
 * Decimal digits of pi by the Rabinowitz-Wagon spigot: a mixed-radix fraction on an int array,
 * multiplied by ten once per digit. The tests' oracle for {@link PiMachin}: a second method,
 * sharing nothing with it but the answer (and about 50 times slower, too slow for the loop).
 */
final class PiSpigot {
    private final int digits;
    private final int rounds;
    private final int[] remainders;

    PiSpigot(int digits) {
        this.digits = digits;
        // Two spare rounds: a digit is released only by the rounds after it.
        this.rounds = digits + 2;
        this.remainders = new int[rounds * 10 / 3 + 1];
    }

    /** Writes "31415..." ({@code digits} digits, the leading 3 included) into {@code out}. */
    void compute(byte[] out) {
        int[] a = remainders;
        java.util.Arrays.fill(a, 2);
        int written = 0;
        int predigit = 0;
        int nines = 0;
        for (int j = 0; j < rounds; j++) {
            int carry = 0;
            for (int i = a.length; i > 0; i--) {
                int x = 10 * a[i - 1] + carry * i;
                a[i - 1] = x % (2 * i - 1);
                carry = x / (2 * i - 1);
            }
            a[0] = carry % 10;
            int q = carry / 10;
            if (q == 9) {
                nines++; // held back: a later 10 would turn these nines into zeros
            } else if (q == 10) {
                written = put(out, written, predigit + 1);
                for (; nines > 0; nines--) {
                    written = put(out, written, 0);
                }
                predigit = 0;
            } else {
                if (j > 0) {
                    written = put(out, written, predigit);
                }
                predigit = q;
                for (; nines > 0; nines--) {
                    written = put(out, written, 9);
                }
            }
        }
        put(out, written, predigit);
    }

    private int put(byte[] out, int at, int digit) {
        if (at < digits) {
            out[at] = (byte) ('0' + digit);
        }
        return at + 1;
    }
}
