// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How probes read their semaphores: the cheapest read this JVM can fold into a compiled probe,
 * chosen once per JVM.
 *
 * <p>An untraced probe should cost what an empty call costs. The JIT does not trust a
 * {@code ByteBuffer}'s fields as final, so even a {@code static final} buffer is checked anew at
 * every read (address, limit, session); a {@code static final} record holding a
 * {@code MemorySegment} or a bare address folds down to a single load. Each kind is a record of
 * its own ({@link Semaphores}'s implementations), called directly: no method handle, reflection
 * only for {@code sun.misc.Unsafe}'s instance, so that the first provider's initialization spins
 * no classes.
 */
final class SemaphoreAccess {
    /** java.lang.foreign is final from JDK 22 on. */
    static final int SEGMENT_FEATURE = 22;

    static final String MAPPED_FILE = "a mapped file, whose pages fault once the file shrinks";

    enum Kind {
        /** A {@code MemorySegment} over the buffer, read opaquely: JDK 22 and later. */
        SEGMENT,
        /**
         * The buffer's address, read by {@code sun.misc.Unsafe.getShortVolatile}: JDK 17 to 21
         * only, because JDK 24 and later warn about Unsafe's memory access.
         */
        UNSAFE,
        /** The buffer itself, read behind an acquire fence: any JDK, and the slowest. */
        BUFFER;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Why a kind cannot be used in this JVM. */
    static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message);
        }

        Unusable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The kind chosen and the kinds passed over, each with why.
     *
     * @param requestRefused {@code -Dusdt4j.semaphoreAccess} named no kind that this JVM can use
     */
    record Choice(SemaphoreAccess access, List<String> passedOver, boolean requestRefused) {}

    /** Chosen when the first provider is bound: every provider of this JVM reads the same way. */
    static final SemaphoreAccess CHOSEN = chooseForThisJvm();

    final Kind kind;
    private final int feature;

    private SemaphoreAccess(Kind kind, int feature) {
        this.kind = kind;
        this.feature = feature;
    }

    /**
     * This kind's semaphores over {@code buffer}, a direct buffer in native byte order, read at
     * offsets from its start.
     *
     * @param library the generated class whose class loader holds the native library the memory
     *     lies in, or null when the memory is the buffer's own: a class loader unloads its
     *     libraries once unreachable, and semaphores that outlive their provider class must not
     *     read unmapped memory
     * @throws IllegalArgumentException for memory this kind must not read: a mapped file, or on the
     *     unsafe path a view of a {@code MemorySegment}
     */
    Semaphores over(ByteBuffer buffer, Class<?> library) {
        switch (kind) {
            case SEGMENT:
                return SegmentSemaphores.over(buffer, library);
            case UNSAFE:
                return UnsafeSemaphores.over(buffer, library);
            default:
                return BufferSemaphores.over(buffer, library, feature);
        }
    }

    /**
     * This kind's scratch memory of {@code size} bytes, for the string arguments of traced fires:
     * a new direct buffer, freed once unreachable, written as this kind reads semaphores.
     *
     * @param natives the provider's natives, which tell a buffer's address where only JNI can
     *     ({@link Kind#BUFFER})
     * @throws OutOfMemoryError when the JVM's direct memory is exhausted
     * @throws RuntimeException when the library gives no address
     */
    ScratchMemory scratch(int size, ProviderNatives natives) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(size);
        switch (kind) {
            case SEGMENT:
                return SegmentScratch.over(buffer);
            case UNSAFE:
                return UnsafeScratch.over(buffer);
            default:
                return BufferScratch.over(buffer, natives);
        }
    }

    /** The bounds check of every kind: unsigned, so one compare rejects negatives too; an odd offset is never a semaphore. */
    static void check(int offset, int lastOffset) {
        if (Integer.compareUnsigned(offset, lastOffset) > 0 || (offset & 1) != 0) {
            throw new IndexOutOfBoundsException("offset " + offset + " is not a semaphore of this provider");
        }
    }

    static int lastOffset(ByteBuffer buffer) {
        return buffer.capacity() - Short.BYTES;
    }

    static IllegalArgumentException refused(String what) {
        return new IllegalArgumentException("the semaphore memory is " + what + "; only a native library's memory is read");
    }

    /** What every kind's {@code toString} says: the size, never where the memory is. */
    static String describe(int lastOffset) {
        return "Semaphores[" + (lastOffset + Short.BYTES) + " bytes]";
    }

    private static SemaphoreAccess chooseForThisJvm() {
        String requested = Settings.semaphoreAccess();
        Choice choice = choose(requested, Runtime.version().feature());
        if (choice.requestRefused()) { // not a warning: nothing is lost but speed, and only -D... asked otherwise
            System.getLogger(ProviderBinding.LOGGER).log(System.Logger.Level.INFO, "usdt4j: semaphores are read through {0}; passed over: {1}",
                    choice.access().kind.id(), String.join("; ", choice.passedOver()));
        }
        return choice.access();
    }

    /**
     * The kind {@code requested} names if this JVM can use it, else the automatic kind for
     * {@code feature} (segment from JDK 22 on, unsafe before), else buffer.
     *
     * @param requested the property's value, or null
     * @param feature the JDK's feature release
     */
    static Choice choose(String requested, int feature) {
        List<String> passedOver = new ArrayList<>();
        List<Kind> candidates = new ArrayList<>(3);
        Kind wanted = null;
        if (requested != null) {
            wanted = named(requested.trim());
            if (wanted == null) {
                passedOver.add("-D" + Settings.SEMAPHORE_ACCESS + "=" + requested + " names none of segment, unsafe, buffer");
            } else {
                candidates.add(wanted);
            }
        }
        Kind automatic = feature >= SEGMENT_FEATURE ? Kind.SEGMENT : Kind.UNSAFE;
        if (!candidates.contains(automatic)) {
            candidates.add(automatic);
        }
        if (!candidates.contains(Kind.BUFFER)) {
            candidates.add(Kind.BUFFER);
        }
        for (Kind kind : candidates) {
            try {
                return new Choice(create(kind, feature), List.copyOf(passedOver), requested != null && kind != wanted);
            } catch (Unusable e) {
                passedOver.add(kind.id() + " " + e.getMessage());
            }
        }
        throw new IllegalStateException("usdt4j cannot read semaphores at all: " + passedOver);
    }

    /** Not {@code Kind.valueOf}, which finds the constants reflectively (method handles from JDK 18 on). */
    private static Kind named(String id) {
        for (Kind kind : Kind.values()) {
            if (kind.id().equalsIgnoreCase(id)) {
                return kind;
            }
        }
        return null;
    }

    /** {@code kind}, checked to read what was written. */
    static SemaphoreAccess create(Kind kind, int feature) throws Unusable {
        if (kind == Kind.SEGMENT && feature < SEGMENT_FEATURE) {
            throw new Unusable("needs JDK " + SEGMENT_FEATURE + " or later, and this is JDK " + feature);
        }
        if (kind == Kind.UNSAFE && feature >= SEGMENT_FEATURE) {
            throw new Unusable("is not used on JDK " + SEGMENT_FEATURE + " or later (JDK 24 and later warn"
                    + " about sun.misc.Unsafe's memory access), and this is JDK " + feature);
        }
        SemaphoreAccess access = new SemaphoreAccess(kind, feature);
        try {
            access.checkReads();
            return access;
        } catch (Unusable | VirtualMachineError e) {
            throw e;
        } catch (RuntimeException | LinkageError e) { // a missing class or module, a JDK of another shape
            throw new Unusable("failed: " + e, e);
        }
    }

    /** A read of a surprising shape, or an address read from the wrong field, fails here, not in a probe. */
    private void checkReads() throws Unusable {
        ByteBuffer buffer = ByteBuffer.allocateDirect(2 * Short.BYTES).order(ByteOrder.nativeOrder());
        buffer.putShort(Short.BYTES, (short) 0x1234);
        Semaphores semaphores = over(buffer.asReadOnlyBuffer(), null);
        boolean first = semaphores.isActive(0);
        boolean second = semaphores.isActive(Short.BYTES);
        if (first || !second) {
            throw new Unusable("read " + first + " and " + second + " where 0 and " + 0x1234 + " were written");
        }
    }
}
