// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.contract;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LimitsTest {

    @Test
    void maxStringBytesIsOneTo4095() {
        assertTrue(Limits.isMaxStringBytes(1));
        assertTrue(Limits.isMaxStringBytes(255));
        assertTrue(Limits.isMaxStringBytes(4095));
        assertFalse(Limits.isMaxStringBytes(0));
        assertFalse(Limits.isMaxStringBytes(-1));
        assertFalse(Limits.isMaxStringBytes(4096));
        assertFalse(Limits.isMaxStringBytes(Integer.MIN_VALUE));
        assertFalse(Limits.isMaxStringBytes(Integer.MAX_VALUE));
    }

    /** A string buffer per argument, on the native's stack: twelve of the largest stay within 48 KiB. */
    @Test
    void twelveLargestStringBuffersFitInFortyEightKib() {
        assertTrue(Limits.MAX_ARGUMENTS * (Limits.MAX_STRING_BYTES + 1) <= 48 * 1024);
    }

    @Test
    void probeCountIsZeroTo65536() {
        assertTrue(Limits.isProbeCount(0));
        assertTrue(Limits.isProbeCount(1 << 16));
        assertFalse(Limits.isProbeCount(-1));
        assertFalse(Limits.isProbeCount((1 << 16) + 1));
        assertFalse(Limits.isProbeCount(Integer.MIN_VALUE));
    }
}
