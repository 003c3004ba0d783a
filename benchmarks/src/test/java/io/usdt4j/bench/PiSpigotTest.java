package io.usdt4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PiSpigotTest {
    @Test
    void computesTheDigitsOfPiThroughTheFeynmanPoint() {
        byte[] out = new byte[PiLoop.DIGITS];
        new PiSpigot(PiLoop.DIGITS).compute(out);
        String pi = new String(out, StandardCharsets.US_ASCII);

        assertEquals("31415926535897932384626433832795028841971693993751", pi.substring(0, 50));
        // Six nines from decimal place 762: the spigot holds nines back until the next digit.
        assertEquals("34999999837", pi.substring(760, 771));
        // The last digits of the first thousand decimals (the 3 is digit 0 here).
        assertEquals("16420198", pi.substring(992, 1000));
    }

    @Test
    void computesTheSameDigitsEveryTime() {
        PiSpigot spigot = new PiSpigot(PiLoop.DIGITS);
        byte[] first = new byte[PiLoop.DIGITS];
        byte[] second = new byte[PiLoop.DIGITS];
        spigot.compute(first);
        spigot.compute(second);
        assertEquals(new String(first, StandardCharsets.US_ASCII), new String(second, StandardCharsets.US_ASCII));
    }
}
