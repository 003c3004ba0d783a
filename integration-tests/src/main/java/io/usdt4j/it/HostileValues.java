// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import io.usdt4j.contract.PlatformId;
import io.usdt4j.internal.ProviderNatives;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The hostile arguments {@link HostileCallsApp} passes for each parameter type. */
final class HostileValues {
    private HostileValues() {}

    static final List<Object> INTS = List.of(0, 1, -1, 2, 3, 4, 5, 6, 7, 255, 256, 4095, 4096, 65535, 65536, 65537,
            Integer.MIN_VALUE, Integer.MIN_VALUE + 1, Integer.MAX_VALUE, Integer.MAX_VALUE - 1);
    static final List<Object> LONGS = List.of(0L, 1L, -1L, 4096L, 0x7f00_0000_0000L, Long.MIN_VALUE, Long.MAX_VALUE);

    static final String LONG_STRING = "x".repeat(1 << 20);

    static final List<Object> STRINGS = Arrays.asList(null, "", "x", "shop", "usdt4j_it", "usdt4j_ops", "1x", "a-b",
            "linux-x86_64", "linux", "-", "linux-", "-x86_64", "darwin-aarch64", "LINUX-X86_64", "\0", "é☃𝄞", "\uD800",
            "../../../../etc/passwd", "/dev/null", "libusdt4j-shop-0123456789abcdef.so",
            "libusdt4j--0123456789abcdef.99999999999999999999.so", "libusdt4j-shop-0123456789abcdef.-1.so",
            "<probe>", "y".repeat(256), LONG_STRING);

    /** CharSequences that lie about themselves, and some that are long or not strings at all. */
    static final List<Object> CHAR_SEQUENCES = List.of(new StringBuilder("naïve"),
            new Lying(-1, "abc"), new Lying(Integer.MAX_VALUE, "abc"), new Lying(3, null), new Lying(2, "much longer than two"),
            new Lying(Integer.MIN_VALUE, ""), new StringBuilder(LONG_STRING), java.nio.CharBuffer.wrap("a\uD834\uDD1Eb\uDC00"));

    /** Enum constants, one of them also a CharSequence whose chars say otherwise. */
    static final List<Object> ENUMS = Arrays.asList(null, Thread.State.NEW, java.util.concurrent.TimeUnit.DAYS, Letter.A);

    enum Letter implements CharSequence {
        A;

        @Override
        public int length() {
            return -1;
        }

        @Override
        public char charAt(int index) {
            throw new IllegalStateException("an enum passes its name");
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return this;
        }
    }

    static final List<Object> CLASSES = Arrays.asList(null, int.class, void.class, Object.class, int[].class, String.class,
            EveryTypeProbes.class, OpsProbes.class, EveryTypeProbesUsdt.class, io.usdt4j.UsdtProvider.class,
            io.usdt4j.Usdt.class, io.usdt4j.internal.ProviderBinding.class, io.usdt4j.internal.Semaphores.class,
            ProviderNatives.class, HostileCallsApp.CraftedNatives.class, HostileCallsApp.class, Runnable.class,
            Thread.State.class, io.usdt4j.internal.StringScratch.class, io.usdt4j.internal.StringScratch.Lease.class);

    /** Fresh each time: some calls keep them. */
    static List<Object> buffers() {
        ByteBuffer direct = ByteBuffer.allocateDirect(16);
        return Arrays.asList(null, ByteBuffer.allocate(8), ByteBuffer.allocateDirect(0), ByteBuffer.allocateDirect(1),
                direct, direct.asReadOnlyBuffer(), ByteBuffer.allocateDirect(9).position(1).slice(),
                direct.position(15).slice());
    }

    static List<Object> of(Class<?> type, List<Object> pool) {
        List<Object> values = new ArrayList<>();
        if (type == int.class || type == Integer.class) {
            values.addAll(INTS);
        } else if (type == long.class || type == Long.class) {
            values.addAll(LONGS);
        } else if (type == boolean.class || type == Boolean.class) {
            values.addAll(List.of(true, false));
        } else if (type == short.class) {
            values.addAll(List.of((short) 0, (short) -1, Short.MIN_VALUE, Short.MAX_VALUE));
        } else if (type == byte.class) {
            values.addAll(List.of((byte) 0, (byte) -1, Byte.MIN_VALUE, Byte.MAX_VALUE));
        } else if (type == char.class) {
            values.addAll(List.of('\0', 'a', '\uD800', '\uFFFF'));
        } else if (type == float.class || type == double.class) {
            values.addAll(type == float.class ? List.of(0f, Float.NaN, Float.MAX_VALUE) : List.of(0d, Double.NaN, -Double.MAX_VALUE));
        } else if (type == String.class) {
            values.addAll(STRINGS);
        } else if (type == CharSequence.class) {
            values.addAll(STRINGS);
            values.addAll(CHAR_SEQUENCES);
        } else if (type == Enum.class) {
            values.addAll(ENUMS);
        } else if (type == Class.class) {
            values.addAll(CLASSES);
        } else if (type == List.class || type == Iterable.class || type == java.util.Collection.class) {
            values.addAll(Arrays.asList(null, List.of(), List.of("a"), Arrays.asList("a", null), List.of("a", "b", "c"),
                    List.of(1, 2), new ArrayList<>(STRINGS.subList(1, 8))));
        } else if (type == int[].class) {
            values.addAll(Arrays.asList(null, new int[0], new int[] {0}, new int[] {-1}, new int[] {1},
                    new int[] {Integer.MAX_VALUE}, new int[70_000]));
        } else if (type == byte[].class) {
            values.addAll(Arrays.asList(null, new byte[0], new byte[] {0}, new byte[1 << 16]));
        } else if (type == ByteBuffer.class) {
            values.addAll(buffers());
        } else if (type == Path.class) {
            values.addAll(Arrays.asList(null, Path.of("/"), Path.of(""), Path.of("/dev/null"), Path.of("/proc/self/mem")));
        } else if (type == Throwable.class || type == Exception.class) {
            values.addAll(Arrays.asList(null, new RuntimeException("crafted"), new Error(), new StackOverflowError()));
        } else if (type == PlatformId.class) {
            values.addAll(Arrays.asList(null, PlatformId.LINUX_X86_64, PlatformId.LINUX_AARCH64, PlatformId.host()));
        } else if (type == java.nio.ByteOrder.class) {
            values.addAll(Arrays.asList(null, java.nio.ByteOrder.BIG_ENDIAN, java.nio.ByteOrder.LITTLE_ENDIAN));
        } else if (type == Module.class) {
            values.addAll(Arrays.asList(null, HostileValues.class.getModule(), Object.class.getModule()));
        } else if (type == ProviderNatives.class) {
            values.add(null);
            for (HostileCallsApp.CraftedNatives natives : HostileCallsApp.craftedNativesForCalls()) {
                values.add(natives);
            }
        } else if (type == Object.class) {
            values.addAll(Arrays.asList(null, new Object(), Long.valueOf(0), Long.valueOf(Long.MAX_VALUE), Integer.valueOf(-1),
                    "a string", ByteBuffer.allocate(4), ByteBuffer.allocateDirect(4), new int[4], Thread.currentThread()));
        } else {
            values.add(null);
        }
        int fromPool = 0;
        for (Object candidate : pool) {
            if (type.isInstance(candidate) && !type.isPrimitive() && fromPool++ < 8) {
                values.add(candidate);
            }
        }
        return values;
    }

    /** A CharSequence whose length is {@code length} whatever it holds, and whose toString may be null. */
    static final class Lying implements CharSequence {
        private final int length;
        private final String text;

        Lying(int length, String text) {
            this.length = length;
            this.text = text;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            return text == null ? 'x' : text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return this;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
