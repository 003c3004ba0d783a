// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

/**
 * Native memory that traced fires write their string arguments into, so that a probe's native
 * takes each as an address and never calls back into the JVM ({@link StringScratch}).
 *
 * <p>The memory is a direct {@code ByteBuffer}'s, freed with the buffer once unreachable. How it
 * is written, and how its address is learned, follows the JVM's choice of semaphore read
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
     * Writes {@code value} at {@code offset}.
     *
     * @throws IndexOutOfBoundsException for an offset outside the memory
     */
    void put(int offset, byte value);

    /**
     * Writes {@code value} as standard UTF-8 (what {@code String.getBytes(UTF_8)} gives, not JNI's
     * modified UTF-8) at {@code offset}, cut on a character boundary to at most {@code limit}
     * bytes, then a NUL: an unpaired surrogate is {@code ?}, U+0000 the byte 0, and a pair (four
     * bytes) that does not fit is left out whole. Every char is at least one byte, so it reads at
     * most {@code limit + 1} chars, each once (the last only to tell a pair from a lone high
     * surrogate), through {@code charAt}: a sequence of any length costs what its encoded prefix
     * does, and nothing is allocated. A sequence whose {@code length()} is negative is empty.
     *
     * @return the bytes written before the NUL
     */
    default int putUtf8(int offset, CharSequence value, int limit) {
        int length = Math.min(value.length(), limit + 1);
        int size = 0;
        int ahead = -1; // the char at i when the one before read it, to tell a pair from a lone high surrogate
        for (int i = 0; i < length; i++) {
            char c = ahead < 0 ? value.charAt(i) : (char) ahead;
            ahead = -1;
            if (c < 0x80) {
                if (size + 1 > limit) {
                    break;
                }
                put(offset + size++, (byte) c);
            } else if (c < 0x800) {
                if (size + 2 > limit) {
                    break;
                }
                put(offset + size++, (byte) (0xC0 | c >> 6));
                put(offset + size++, (byte) (0x80 | c & 0x3F));
            } else if (!Character.isSurrogate(c)) {
                if (size + 3 > limit) {
                    break;
                }
                put(offset + size++, (byte) (0xE0 | c >> 12));
                put(offset + size++, (byte) (0x80 | c >> 6 & 0x3F));
                put(offset + size++, (byte) (0x80 | c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < length
                    && Character.isLowSurrogate((char) (ahead = value.charAt(i + 1)))) {
                if (size + 4 > limit) {
                    break;
                }
                int codePoint = Character.toCodePoint(c, (char) ahead);
                ahead = -1;
                i++;
                put(offset + size++, (byte) (0xF0 | codePoint >> 18));
                put(offset + size++, (byte) (0x80 | codePoint >> 12 & 0x3F));
                put(offset + size++, (byte) (0x80 | codePoint >> 6 & 0x3F));
                put(offset + size++, (byte) (0x80 | codePoint & 0x3F));
            } else { // a lone surrogate; a high one leaves the char after it in ahead
                if (size + 1 > limit) {
                    break;
                }
                put(offset + size++, (byte) '?');
            }
        }
        put(offset + size, (byte) 0);
        return size;
    }
}
