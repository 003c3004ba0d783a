// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.Buffer;
import java.nio.ByteBuffer;

/**
 * The values of a traced fire of the agent's probes, converted as a generated provider converts
 * them: a null box is 0, a character sequence passes its text cut to {@link #MAX_STRING_BYTES}
 * bytes, an enum its name, any other object the name of its class. A string is written as
 * NUL-terminated UTF-8 into native memory of the firing thread, whose address the probe's native
 * takes: one slot per string argument, each of {@code maxStringBytes} and a NUL. Only a traced
 * fire gets here; the classes the agent generates call these methods.
 */
final class AgentValues {
    /** The longest string in bytes of UTF-8, as a generated provider's default {@code maxStringBytes}. */
    static final int MAX_STRING_BYTES = 255;
    private static final int SLOT = MAX_STRING_BYTES + 1;
    private static final int SLOTS = io.usdt4j.contract.Limits.MAX_ARGUMENTS;
    private static final ThreadLocal<AgentValues> MINE = ThreadLocal.withInitial(AgentValues::new);

    private final ByteBuffer memory = ByteBuffer.allocateDirect(SLOT * SLOTS);
    private final long address = address(memory);

    private AgentValues() {}

    /** The firing thread's memory. */
    static AgentValues mine() {
        return MINE.get();
    }

    static boolean unbox(Boolean value) {
        return value != null && value;
    }

    static byte unbox(Byte value) {
        return value == null ? 0 : value;
    }

    static short unbox(Short value) {
        return value == null ? 0 : value;
    }

    static char unbox(Character value) {
        return value == null ? 0 : value;
    }

    static int unbox(Integer value) {
        return value == null ? 0 : value;
    }

    static long unbox(Long value) {
        return value == null ? 0 : value;
    }

    /** A character sequence's text, as a generated provider reads it: at most one character more than fits. */
    long text(CharSequence value, int slot) {
        if (value == null || value instanceof String) {
            return string((String) value, slot);
        }
        return string((value.length() <= MAX_STRING_BYTES + 1 ? value : value.subSequence(0, MAX_STRING_BYTES + 1)).toString(), slot);
    }

    /** An enum's name. */
    long name(Enum<?> value, int slot) {
        return string(value == null ? null : value.name(), slot);
    }

    /** The binary name of an object's class: {@code java.util.ArrayList}, {@code [I}; 0 for null. */
    long className(Object value, int slot) {
        return string(value == null ? null : value.getClass().getName(), slot);
    }

    /** {@code value} in slot {@code slot} (0 to 11), cut to {@link #MAX_STRING_BYTES} on a character boundary; 0 for null. */
    long string(String value, int slot) {
        if (value == null) {
            return 0L;
        }
        int start = slot * SLOT;
        int at = start;
        int end = start + MAX_STRING_BYTES;
        for (int i = 0; i < value.length(); i++) {
            int c = value.charAt(i);
            if (Character.isHighSurrogate((char) c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                c = Character.toCodePoint((char) c, value.charAt(++i));
            } else if (Character.isSurrogate((char) c)) {
                c = '?';
            }
            int bytes = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
            if (at + bytes > end) {
                break;
            }
            switch (bytes) {
                case 1 -> memory.put(at++, (byte) c);
                case 2 -> {
                    memory.put(at++, (byte) (0xc0 | c >> 6));
                    memory.put(at++, (byte) (0x80 | c & 0x3f));
                }
                case 3 -> {
                    memory.put(at++, (byte) (0xe0 | c >> 12));
                    memory.put(at++, (byte) (0x80 | c >> 6 & 0x3f));
                    memory.put(at++, (byte) (0x80 | c & 0x3f));
                }
                default -> {
                    memory.put(at++, (byte) (0xf0 | c >> 18));
                    memory.put(at++, (byte) (0x80 | c >> 12 & 0x3f));
                    memory.put(at++, (byte) (0x80 | c >> 6 & 0x3f));
                    memory.put(at++, (byte) (0x80 | c & 0x3f));
                }
            }
        }
        memory.put(at, (byte) 0);
        return address + start;
    }

    /** A direct buffer's address: through {@code MemorySegment} from JDK 22 on, {@code sun.misc.Unsafe} before. */
    private static long address(ByteBuffer buffer) {
        try {
            if (Runtime.version().feature() >= SemaphoreAccess.SEGMENT_FEATURE) {
                Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
                Object view = segment.getMethod("ofBuffer", Buffer.class).invoke(null, buffer);
                return (long) segment.getMethod("address").invoke(view);
            }
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            Object unsafe = theUnsafe.get(null);
            Method offset = unsafeClass.getMethod("objectFieldOffset", Field.class);
            long addressOffset = (long) offset.invoke(unsafe, Buffer.class.getDeclaredField("address"));
            return (long) unsafeClass.getMethod("getLong", Object.class, long.class).invoke(unsafe, buffer, addressOffset);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no address for the agent's string memory", e);
        }
    }
}
