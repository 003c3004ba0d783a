// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.description;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TracerTypeTest {
    @Test
    void wireNamesAreUniqueAndRoundTrip() {
        Set<String> names = new HashSet<>();
        for (TracerType type : TracerType.values()) {
            assertTrue(names.add(type.wireName()), type.wireName());
            assertEquals(Optional.of(type), TracerType.ofWireName(type.wireName()));
        }
        assertEquals(Optional.empty(), TracerType.ofWireName("float"));
    }

    @Test
    void noteSizesGiveIntegers() {
        assertEquals(Optional.of(TracerType.INT32), TracerType.ofNoteSize(-4));
        assertEquals(Optional.of(TracerType.UINT8), TracerType.ofNoteSize(1));
        assertEquals(Optional.of(TracerType.UINT64), TracerType.ofNoteSize(8));
        assertEquals(Optional.of(TracerType.INT64), TracerType.ofNoteSize(-8));
        assertEquals(Optional.empty(), TracerType.ofNoteSize(3));
        assertEquals(Optional.empty(), TracerType.ofNoteSize(0));
        assertEquals(Optional.empty(), TracerType.ofNoteSize(Integer.MIN_VALUE));
        for (TracerType type : TracerType.values()) {
            assertEquals(type.signed() ? -type.bytes() : type.bytes(), type.usdtSize());
        }
    }
}
