// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** PiMachin, the loop benchmark's unit of work, against known digits and against PiSpigot. */
class PiMachinTest {
    private static String machin(PiMachin pi) {
        byte[] out = new byte[PiLoop.DIGITS];
        pi.compute(out);
        return new String(out, StandardCharsets.US_ASCII);
    }

    private static String spigot() {
        byte[] out = new byte[PiLoop.DIGITS];
        new PiSpigot(PiLoop.DIGITS).compute(out);
        return new String(out, StandardCharsets.US_ASCII);
    }

    /** Known digits of pi; the 3 is digit 0 here. */
    private static void assertDigitsOfPi(String pi) {
        assertEquals(PiLoop.DIGITS, pi.length());
        assertEquals("31415926535897932384626433832795028841971693993751", pi.substring(0, 50));
        // Six nines from decimal place 762: the spigot holds nines back until the next digit.
        assertEquals("34999999837", pi.substring(760, 771));
        assertEquals("16420198", pi.substring(992, 1000));
    }

    @Test
    void computesTheDigitsOfPi() {
        assertDigitsOfPi(machin(new PiMachin(PiLoop.DIGITS)));
    }

    @Test
    void theOracleComputesTheDigitsOfPi() {
        assertDigitsOfPi(spigot());
    }

    @Test
    void agreesWithTheSpigotOnAllThousandDigits() {
        assertEquals(spigot(), machin(new PiMachin(PiLoop.DIGITS)));
    }

    @Test
    void computesTheSameDigitsEveryTime() {
        PiMachin pi = new PiMachin(PiLoop.DIGITS);
        String first = machin(pi);
        assertEquals(first, machin(pi));
        assertEquals(first, machin(pi));
    }

    @Test
    void theLoopComputesThemInEveryIteration() {
        PiLoop loop = new PiLoop();
        // The digest sums the last digit, '8', of each iteration.
        assertEquals(3 * '8', loop.run(false, 3));
        assertEquals(spigot(), loop.digits());
    }

    @Test
    void takesOnlyDigitCountsThatFillWholeLimbs() {
        assertThrows(IllegalArgumentException.class, () -> new PiMachin(PiLoop.DIGITS + 1));
    }
}
