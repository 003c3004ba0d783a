// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.usdt4j.testsupport.ProbeNote.Argument;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parser on readelf's own words, as binutils 2.40 prints them. */
class ProbeNoteTest {
    /** {@code readelf -n -W}: the provider on the line of the note's type. */
    private static final String WIDE = """
            Displaying notes found in: .note.gnu.build-id
              Owner                Data size \tDescription
              GNU                  0x00000014\tNT_GNU_BUILD_ID (unique build ID bitstring)\t    Build ID: bed761e50295f34044656d3d25d4a3bdf4df083d

            Displaying notes found in: .note.stapsdt
              Owner                Data size \tDescription
              stapsdt              0x00000039\tNT_STAPSDT (SystemTap probe descriptors)\t    Provider: shop
                Name: order_placed
                Location: 0x0000000000001100, Base: 0x0000000000002000, Semaphore: 0x0000000000004010
                Arguments: -8@%rdi 8@%rdx -4@-20(%rbp) 1@%cl
              stapsdt              0x00000020\tNT_STAPSDT (SystemTap probe descriptors)\t    Provider: shop
                Name: none
                Location: 0x0000000000001101, Base: 0x0000000000002000, Semaphore: 0x0000000000000000
                Arguments:\s
            """;

    /** Without {@code -W}, and an arm64 memory operand, which holds a space. */
    private static final String NARROW = """
            Displaying notes found in: .note.stapsdt
              Owner                Data size \tDescription
              stapsdt              0x0000003c\tNT_STAPSDT (SystemTap probe descriptors)
                Provider: cache
                Name: hit
                Location: 0x00000000000007d4, Base: 0x0000000000000868, Semaphore: 0x0000000000011010
                Arguments: 8@x1 -4@[sp, 12] 2@x2
            """;

    @Test
    void everyFieldOfEveryNote() {
        assertEquals(List.of(
                        new ProbeNote("shop", "order_placed", 0x1100, 0x2000, 0x4010, List.of(
                                new Argument(8, true, "%rdi"), new Argument(8, false, "%rdx"),
                                new Argument(4, true, "-20(%rbp)"), new Argument(1, false, "%cl"))),
                        new ProbeNote("shop", "none", 0x1101, 0x2000, 0, List.of())),
                ProbeNote.parse(WIDE));
    }

    @Test
    void argumentSizesAreNegativeWhenSigned() {
        assertEquals(List.of(-8, 8, -4, 1), ProbeNote.parse(WIDE).get(0).argumentSizes());
    }

    @Test
    void locationsWithSpacesStayWhole() {
        List<ProbeNote> notes = ProbeNote.parse(NARROW);
        assertEquals(1, notes.size());
        assertEquals(List.of(new Argument(8, false, "x1"), new Argument(4, true, "[sp, 12]"), new Argument(2, false, "x2")),
                notes.get(0).arguments());
        assertEquals(0x11010, notes.get(0).semaphore());
    }

    @Test
    void anArgumentWithoutASizeIsAnError() {
        String broken = NARROW.replace("8@x1", "%x1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProbeNote.parse(broken));
        assertEquals("not a probe argument: '%x1'", e.getMessage());
    }
}
