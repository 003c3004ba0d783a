// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.writer;

import io.usdt4j.contract.Platform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The build ID's fingerprint: a function of the content, which every changed bit of it changes thoroughly. */
class BuildIdTest {
    @Test
    void everyBitOfTheContentMovesAboutHalfTheFingerprint() {
        byte[] library = LibraryWriter.write(TestProviders.EVERY_TYPE, Platform.LINUX_X86_64);
        long[] original = LibraryImage.fingerprint(library);
        assertArrayEquals(original, LibraryImage.fingerprint(library.clone()));
        long flippedBits = 0;
        int changes = 0;
        for (int at = 0; at < library.length; at += 97) {
            for (int bit = 0; bit < 8; bit += 3) {
                byte[] changed = library.clone();
                changed[at] ^= (byte) (1 << bit);
                long[] fingerprint = LibraryImage.fingerprint(changed);
                int flipped = Long.bitCount(fingerprint[0] ^ original[0]) + Long.bitCount(fingerprint[1] ^ original[1]);
                assertTrue(flipped > 16, "bit " + bit + " of byte " + at + " moved only " + flipped + " bits");
                flippedBits += flipped;
                changes++;
            }
        }
        double mean = (double) flippedBits / changes;
        assertTrue(mean > 56 && mean < 72, "a changed bit moves " + mean + " of 128 bits on average");
    }

    @Test
    void contentsOfEveryLengthGetDistinctFingerprints() {
        Random random = new Random(18);
        Set<String> seen = new HashSet<>();
        for (int length = 0; length < 2000; length++) {
            byte[] content = new byte[length];
            random.nextBytes(content);
            long[] fingerprint = LibraryImage.fingerprint(content);
            assertTrue(seen.add(fingerprint[0] + ":" + fingerprint[1]), "length " + length);
        }
        assertNotEquals(LibraryImage.fingerprint(new byte[8])[0], LibraryImage.fingerprint(new byte[9])[0],
                "trailing zeros count");
        assertEquals(2000, seen.size());
    }
}
