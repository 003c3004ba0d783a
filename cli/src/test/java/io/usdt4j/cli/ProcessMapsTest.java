// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the scanner takes from {@code /proc/PID/maps}: the provider libraries, one entry per path. */
class ProcessMapsTest {
    private static final String LIBRARY = TestLibrary.fileName("shop");

    private static List<ProcessMaps.Mapping> parse(String maps) throws Exception {
        return ProcessMaps.libraries(new BufferedReader(new StringReader(maps)));
    }

    @Test
    void aLoadedLibraryIsOneMappingWithItsWritableSegments() throws Exception {
        List<ProcessMaps.Mapping> libraries = parse("""
                55d0c0a00000-55d0c0a01000 r--p 00000000 fd:01 100    /usr/bin/java
                7f1c2c003000-7f1c2c004000 r-xp 00001000 fd:01 42     /tmp/a b/%1$s
                7f1c2c002000-7f1c2c003000 r--p 00000000 fd:01 42     /tmp/a b/%1$s
                7f1c2c005000-7f1c2c006000 rw-p 00003000 fd:01 42     /tmp/a b/%1$s
                7f1c2c006000-7f1c2c007000 rw-p 00000000 00:00 0
                7f1c2c010000-7f1c2c011000 r--p 00000000 fd:01 43     /tmp/libusdt4j-shop.so
                00400000-00401000 r--p 00000000 fd:01 44     /tmp/x\\012y/%1$s (deleted)
                """.formatted(LIBRARY));

        assertEquals(2, libraries.size());
        ProcessMaps.Mapping loaded = libraries.get(0);
        assertEquals("/tmp/a b/" + LIBRARY, loaded.path());
        assertFalse(loaded.deleted());
        assertEquals(0x7f1c2c002000L, loaded.start());
        assertEquals("7f1c2c002000-7f1c2c003000", loaded.range());
        assertEquals(List.of(new ProcessMaps.Range(0x7f1c2c005000L, 0x7f1c2c006000L)), loaded.writable());
        assertTrue(loaded.writable(0x7f1c2c005ffeL, 2));
        assertFalse(loaded.writable(0x7f1c2c005fffL, 2));
        assertFalse(loaded.writable(0x7f1c2c003000L, 2));
        assertFalse(loaded.writable(-1L, 2));

        ProcessMaps.Mapping deleted = libraries.get(1);
        assertEquals("/tmp/x\ny/" + LIBRARY, deleted.path());
        assertTrue(deleted.deleted());
        assertEquals("400000-401000", deleted.range(), "map_files names have no leading zeros");
    }

    @Test
    void linesTheKernelDoesNotWriteArePassedOver() throws Exception {
        assertEquals(List.of(), parse("""
                zz-yy r--p 00000000 fd:01 42 /tmp/%1$s
                7f00-7f01 r--p nothex fd:01 42 /tmp/%1$s
                7f00 r--p 00000000 fd:01 42 /tmp/%1$s
                7f00-7f01 r--p 00000000 fd:01 42 relative/%1$s
                7f00-7f01 r--p 00000000
                """.formatted(LIBRARY)));
    }

    @Test
    void aMappingThatIsNotAtOffsetZeroHasNoStart() throws Exception {
        ProcessMaps.Mapping mapping = parse("7f00000-7f01000 r-xp 00001000 fd:01 42 /tmp/" + LIBRARY + "\n").get(0);
        assertEquals(-1, mapping.start());
    }
}
