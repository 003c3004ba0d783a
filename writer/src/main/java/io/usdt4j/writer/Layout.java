// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.writer;

/** Alignment arithmetic. */
final class Layout {
    private Layout() {}

    /** The zeros that bring {@code size} to a multiple of {@code alignment} (a power of two). */
    static int padding(long size, long alignment) {
        return (int) (alignUp(size, alignment) - size);
    }

    /** {@code value} rounded up to a multiple of {@code alignment} (a power of two). */
    static long alignUp(long value, long alignment) {
        return (value + alignment - 1) & -alignment;
    }

    /**
     * The first address at or after the page that follows {@code previousEnd} whose offset in its
     * page is that of {@code fileOffset}: where a segment starting at {@code fileOffset} is loaded so
     * that it shares no page with the segment before it.
     */
    static long nextSegmentAddress(long previousEnd, long fileOffset, long page) {
        return alignUp(previousEnd, page) + fileOffset % page;
    }
}
