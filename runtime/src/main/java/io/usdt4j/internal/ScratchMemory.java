// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

/**
 * Native memory that traced fires write their string arguments into, so that a probe's native
 * takes each as an address and never calls back into the JVM ({@link StringScratch}).
 *
 * <p>The memory is a direct {@code ByteBuffer}'s, freed with the buffer once unreachable; a string
 * is encoded on the heap ({@link Utf8}) and copied into it in one piece, unless the memory can copy
 * it as it is ({@link #putAscii}). How it is written, and how
 * its address is learned, follows the JVM's choice of semaphore read
 * ({@link SemaphoreAccess#scratch}): a {@code MemorySegment} on JDK 22 and later, an address
 * written by {@code sun.misc.Unsafe} on JDK 17 to 21, else the buffer itself, whose address the
 * provider's library tells ({@code address$}). Each kind is a record of its own, called directly:
 * no method handle, no reflection. Every write is bounds-checked.
 */
sealed interface ScratchMemory permits SegmentScratch, UnsafeScratch, BufferScratch {
    /** The address of the memory's first byte, as the native receives it. */
    long address();

    /** The direct buffer whose memory this is, which keeps it allocated. */
    java.nio.ByteBuffer buffer();

    /**
     * Copies the first {@code count} bytes of {@code bytes} to {@code offset}, in one piece.
     *
     * @throws IndexOutOfBoundsException for bytes outside either
     */
    void put(int offset, byte[] bytes, int count);

    /**
     * Writes {@code value} at {@code offset} as {@link Utf8#encode} would, at most {@code limit}
     * bytes and a NUL, where this memory can without encoding it on the heap first: an ASCII
     * string, read where the JVM holds it. False where it cannot, having written at most a prefix
     * of that encoding, which the caller then writes whole.
     *
     * @throws IndexOutOfBoundsException for bytes outside the memory
     */
    default boolean putAscii(int offset, String value, int limit) {
        return false;
    }
}
