// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

import io.usdt4j.contract.Platform;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import sun.misc.Unsafe;

/**
 * Scratch memory written at a bare address by {@code sun.misc.Unsafe}: JDK 17 to 21
 * ({@link SemaphoreAccess.Kind#UNSAFE}), through {@link UnsafeSemaphores}' instance.
 *
 * <p>Bytes move eight at a time: a string's few bytes cost a few loads and stores, not a call of
 * {@code copyMemory}'s stub. A {@code String} that holds one byte per char (JDK 9 to 21's compact
 * strings, {@code coder} 0) is copied from its own array ({@link #putAscii}), checked to be ASCII as
 * it goes, without being encoded on the heap first; how a {@code String} holds its chars is checked
 * once, on strings of each kind, and any other shape leaves every string to {@link Utf8}.
 *
 * @param address the buffer's address
 * @param size its capacity, which every write is checked against
 * @param buffer keeps the memory allocated while it is written at a bare address
 */
record UnsafeScratch(long address, int size, ByteBuffer buffer) implements ScratchMemory {
    private static final Unsafe UNSAFE = UnsafeSemaphores.UNSAFE;
    private static final long BASE = Unsafe.ARRAY_BYTE_BASE_OFFSET;
    /** The high bit of each of eight bytes: set in any byte that is not ASCII. */
    private static final long NOT_ASCII = 0x8080808080808080L;
    /**
     * Loads and stores of eight bytes at any address: what every processor of the platform table
     * does (the only platforms with provider libraries); elsewhere bytes are copied by
     * {@code copyMemory}, and strings encoded by {@link Utf8}.
     */
    private static final boolean UNALIGNED = Platform.archOfJavaName(System.getProperty("os.arch", "")) != null;
    /** {@code String.value}'s offset, or -1 where this JDK's String does not hold its chars as checked. */
    private static final long VALUE;
    /** {@code String.coder}'s offset: 0 for one byte per char (Latin-1). */
    private static final long CODER;

    static {
        long[] offsets = stringLayout();
        VALUE = offsets[0];
        CODER = offsets[1];
    }

    /** {@code buffer}: a direct buffer of this runtime's own, never a view of another's memory. */
    static ScratchMemory over(ByteBuffer buffer) {
        return new UnsafeScratch(UnsafeSemaphores.address(buffer), buffer.capacity(), buffer);
    }

    @Override
    public void put(int offset, byte[] bytes, int count) {
        Objects.checkFromIndexSize(0, count, bytes.length);
        Objects.checkFromIndexSize(offset, count, size);
        long to = address + offset;
        if (!UNALIGNED) {
            UNSAFE.copyMemory(bytes, BASE, null, to, count);
            return;
        }
        if (count < Long.BYTES) {
            for (int i = 0; i < count; i++) {
                UNSAFE.putByte(to + i, bytes[i]);
            }
            return;
        }
        int last = count - Long.BYTES; // the last eight overlap the eight before: the same bytes again
        for (int i = 0; i < last; i += Long.BYTES) {
            UNSAFE.putLong(to + i, UNSAFE.getLong(bytes, BASE + i));
        }
        UNSAFE.putLong(to + last, UNSAFE.getLong(bytes, BASE + last));
    }

    /**
     * Copies an ASCII {@code value} held one byte per char, at most {@code limit} bytes of it, then
     * a NUL: what {@link Utf8#encode} writes for it, since every prefix of ASCII ends on a character.
     * Reads only inside the string's own array; false at the first byte that is not ASCII, having
     * written only ASCII bytes before it, which the encoding on the heap writes again.
     */
    @Override
    public boolean putAscii(int offset, String value, int limit) {
        if (VALUE < 0 || UNSAFE.getByte(value, CODER) != 0) {
            return false;
        }
        byte[] chars = (byte[]) UNSAFE.getObject(value, VALUE);
        int count = Math.min(chars.length, limit);
        Objects.checkFromIndexSize(offset, count + 1, size);
        long to = address + offset;
        if (count < Long.BYTES) {
            for (int i = 0; i < count; i++) {
                byte b = chars[i];
                if (b < 0) {
                    return false;
                }
                UNSAFE.putByte(to + i, b);
            }
        } else {
            int last = count - Long.BYTES;
            for (int i = 0; i < last; i += Long.BYTES) {
                long eight = UNSAFE.getLong(chars, BASE + i);
                if ((eight & NOT_ASCII) != 0) {
                    return false;
                }
                UNSAFE.putLong(to + i, eight);
            }
            long eight = UNSAFE.getLong(chars, BASE + last);
            if ((eight & NOT_ASCII) != 0) {
                return false;
            }
            UNSAFE.putLong(to + last, eight);
        }
        UNSAFE.putByte(to + count, (byte) 0);
        return true;
    }

    /** Whether ASCII strings are copied from where the JVM holds them ({@link #putAscii}): for tests. */
    static boolean readsStrings() {
        return VALUE >= 0;
    }

    /**
     * The offsets of {@code String.value} (a {@code byte[]}) and {@code String.coder} (a
     * {@code byte}), checked on an ASCII, a Latin-1 and a wider string to read 0 with the string's
     * own bytes, and not 0; else -1s, and no string is read this way.
     */
    private static long[] stringLayout() {
        long[] none = {-1, -1};
        if (!UNALIGNED) {
            return none;
        }
        try {
            Field valueField = String.class.getDeclaredField("value");
            Field coderField = String.class.getDeclaredField("coder");
            if (valueField.getType() != byte[].class || coderField.getType() != byte.class) {
                return none;
            }
            long value = UNSAFE.objectFieldOffset(valueField);
            long coder = UNSAFE.objectFieldOffset(coderField);
            String ascii = new String(new char[] {'u', 's', 'd', 't', '4', 'j'});
            String latin1 = new String(new char[] {'\u00e9', 't', '\u00e9'});
            String wide = new String(new char[] {'\u20ac', 'a'});
            boolean oneBytePerChar = UNSAFE.getByte(ascii, coder) == 0
                    && Arrays.equals((byte[]) UNSAFE.getObject(ascii, value), ascii.getBytes(StandardCharsets.ISO_8859_1))
                    && UNSAFE.getByte(latin1, coder) == 0
                    && Arrays.equals((byte[]) UNSAFE.getObject(latin1, value), latin1.getBytes(StandardCharsets.ISO_8859_1))
                    && UNSAFE.getByte(wide, coder) != 0;
            return oneBytePerChar ? new long[] {value, coder} : none;
        } catch (NoSuchFieldException | RuntimeException | LinkageError e) { // another JDK's String (-XX:-CompactStrings fails the check above)
            return none;
        }
    }
}
