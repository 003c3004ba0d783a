// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.writer;

import java.nio.ByteOrder;
import java.util.Arrays;

/** A growable byte array written in one byte order, with patches of what was written earlier. */
final class ByteSink {
    private final boolean bigEndian;
    private byte[] bytes;
    private int size;

    ByteSink(ByteOrder order, int capacity) {
        this.bigEndian = order == ByteOrder.BIG_ENDIAN;
        this.bytes = new byte[Math.max(16, capacity)];
    }

    int size() {
        return size;
    }

    ByteSink u8(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
        return this;
    }

    ByteSink u16(int value) {
        return unsigned(value, 2);
    }

    ByteSink u32(long value) {
        return unsigned(value, 4);
    }

    ByteSink u64(long value) {
        return unsigned(value, 8);
    }

    ByteSink bytes(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, bytes, size, value.length);
        size += value.length;
        return this;
    }

    ByteSink zeros(int count) {
        ensure(count);
        size += count; // the array is zero beyond size: it only grows, and patches stay below size
        return this;
    }

    /** Pads with zeros to a multiple of {@code alignment}. */
    ByteSink align(int alignment) {
        return zeros(Layout.padding(size, alignment));
    }

    void patchU32(int at, long value) {
        put(at, value, 4);
    }

    void patchU64(int at, long value) {
        put(at, value, 8);
    }

    /** The little-endian 32-bit word at {@code at}, as an instruction stream reads it. */
    int readWordLittleEndian(int at) {
        return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16 | (bytes[at + 3] & 0xff) << 24;
    }

    /** Appends a little-endian 32-bit word, whatever this sink's order: an instruction. */
    ByteSink appendWordLittleEndian(int word) {
        ensure(4);
        size += 4;
        patchWordLittleEndian(size - 4, word);
        return this;
    }

    void patchWordLittleEndian(int at, int word) {
        bytes[at] = (byte) word;
        bytes[at + 1] = (byte) (word >>> 8);
        bytes[at + 2] = (byte) (word >>> 16);
        bytes[at + 3] = (byte) (word >>> 24);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** Copies what was written into {@code target} at {@code offset}. */
    void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, size);
    }

    private ByteSink unsigned(long value, int width) {
        ensure(width);
        put(size, value, width);
        size += width;
        return this;
    }

    private void put(int at, long value, int width) {
        if (bigEndian) {
            for (int i = 0; i < width; i++) {
                bytes[at + i] = (byte) (value >>> (8 * (width - 1 - i)));
            }
            return;
        }
        bytes[at] = (byte) value;
        bytes[at + 1] = (byte) (value >>> 8);
        if (width > 2) {
            bytes[at + 2] = (byte) (value >>> 16);
            bytes[at + 3] = (byte) (value >>> 24);
            if (width > 4) {
                bytes[at + 4] = (byte) (value >>> 32);
                bytes[at + 5] = (byte) (value >>> 40);
                bytes[at + 6] = (byte) (value >>> 48);
                bytes[at + 7] = (byte) (value >>> 56);
            }
        }
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
