// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.writer;

import io.usdt4j.testsupport.Driver;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A hand-written stand-in for a generated provider class of {@link TestProviders#EVERY_TYPE}: it
 * declares the natives a Java-written library binds, loads the library named on its command line,
 * binds the probes on the site kind asked for and fires them on command. Runs in a child JVM under a
 * {@link Driver}: {@code java WriterFixture <library> <nopSize>}.
 */
public final class WriterFixture {
    static final String PROVIDER = "usdt4j_writer";
    static final int PROBES = 5;
    /** UTF-8 with two- and three-byte characters, which a tracer prints as is. */
    static final String TEXT = "h\u00e9llo, w\u00f6rld \u2713";
    static final String TWELFTH = "twelfth";

    private static native ByteBuffer semaphores$(int[] offsets);

    private static native int bindProbes$(int nopSize);

    private static native long address$(ByteBuffer buffer);

    private static native void fire$signed_integers(byte a, short b, int c, long d);

    private static native void fire$unsigned_integers(boolean a, boolean b, byte c, char d, int e, long f);

    private static native void fire$text(long utf8, long absent);

    private static native void fire$no_arguments();

    private static native void fire$twelve(long a1, int a2, short a3, byte a4, char a5, boolean a6, long a7, int a8,
            short a9, byte a10, char a11, long a12);

    private WriterFixture() {}

    public static void main(String[] args) throws Exception {
        String library = args[0];
        System.load(library);
        int[] offsets = new int[PROBES];
        ByteBuffer semaphores = semaphores$(offsets).order(ByteOrder.nativeOrder());
        int bound = bindProbes$(Integer.parseInt(args[1]));
        long text = utf8(TEXT);
        long twelfth = utf8(TWELFTH);
        Driver.ready(Optional.of(library), Optional.empty());
        new Driver()
                .on("describe", arguments -> "semaphores capacity=" + semaphores.capacity() + " direct="
                        + semaphores.isDirect() + " offsets=" + Arrays.toString(offsets) + " bound=" + bound
                        + " text=" + text + " twelfth=" + twelfth)
                .on("misuse", arguments -> "misuse null=" + semaphores$(null) + " short=" + semaphores$(new int[PROBES - 1])
                        + " long=" + semaphores$(new int[PROBES + 1]))
                .on("address", arguments -> "address null=" + address$(null) + " heap=" + address$(ByteBuffer.allocate(8))
                        + " direct=" + directByte())
                .on("enabled?", arguments -> "enabled=" + enabled(semaphores, offsets))
                .on("await-enabled", arguments -> awaitEnabled(semaphores, offsets, arguments))
                .on("fire", Driver.firing(() -> fire(text, twelfth)))
                .run();
    }

    /** Waits until every probe (or only the one numbered in {@code arguments}) is enabled. */
    private static String awaitEnabled(ByteBuffer semaphores, int[] offsets, java.util.List<String> arguments)
            throws InterruptedException {
        if (arguments.isEmpty()) {
            Driver.awaitTrue(() -> !("," + enabled(semaphores, offsets) + ",").contains(",0,"));
        } else {
            int offset = offsets[Integer.parseInt(arguments.get(0))];
            Driver.awaitTrue(() -> semaphores.getShort(offset) != 0);
        }
        return "enabled";
    }

    /** Each probe's semaphore: how many tracers the kernel counts on it. */
    private static String enabled(ByteBuffer semaphores, int[] offsets) {
        StringBuilder counts = new StringBuilder();
        for (int offset : offsets) {
            counts.append(counts.length() == 0 ? "" : ",").append(semaphores.getShort(offset));
        }
        return counts.toString();
    }

    private static void fire(long text, long twelfth) {
        fire$signed_integers(Byte.MIN_VALUE, Short.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE);
        fire$signed_integers(Byte.MAX_VALUE, Short.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE);
        fire$signed_integers((byte) -1, (short) -1, -1, -1L);
        fire$unsigned_integers(true, false, (byte) -1, Character.MAX_VALUE, -1, -1L);
        fire$unsigned_integers(false, true, (byte) 0x80, (char) 0x8000, Integer.MIN_VALUE, Long.MIN_VALUE);
        fire$text(text, 0);
        fire$no_arguments();
        fire$twelve(-1L, 2, (short) -3, (byte) 4, 'A', true, Long.MIN_VALUE, -8, Short.MAX_VALUE, Byte.MIN_VALUE,
                Character.MAX_VALUE, twelfth);
    }

    /** The byte a direct buffer holds, 42, read at the address {@code address$} gives for it; 0 for no address. */
    private static String directByte() throws ReflectiveOperationException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(8);
        buffer.put(3, (byte) 42);
        long address = address$(buffer);
        if (address == 0) {
            return "0";
        }
        Class<?> type = Class.forName("sun.misc.Unsafe");
        Field field = type.getDeclaredField("theUnsafe");
        field.setAccessible(true);
        return String.valueOf(type.getMethod("getByte", long.class).invoke(field.get(null), address + 3));
    }

    /** A NUL-terminated UTF-8 copy of {@code value} in native memory, as the generated code will write strings. */
    private static long utf8(String value) throws ReflectiveOperationException {
        Class<?> type = Class.forName("sun.misc.Unsafe");
        Field field = type.getDeclaredField("theUnsafe");
        field.setAccessible(true);
        Object unsafe = field.get(null);
        Method putByte = type.getMethod("putByte", long.class, byte.class);
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        long address = (long) type.getMethod("allocateMemory", long.class).invoke(unsafe, bytes.length + 1L);
        for (int i = 0; i <= bytes.length; i++) {
            putByte.invoke(unsafe, address + i, i < bytes.length ? bytes[i] : (byte) 0);
        }
        return address;
    }
}
