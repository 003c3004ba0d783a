package io.usdt4j.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.ref.Reference;
import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How probes read their semaphores: the cheapest read this JVM can fold into a compiled probe.
 *
 * <p>An untraced probe should cost what an empty call costs. The JIT does not trust a
 * {@code ByteBuffer}'s fields as final, so even a {@code static final} buffer is checked anew at
 * every read (address, limit, session); a {@code static final} {@code MemorySegment}, or a
 * {@code static final} boxed address, folds down to a single load. Generated classes are compiled
 * for Java 17 and must run on every JDK from 17 on, so they hold the memory as an {@code Object}
 * and read it through a {@code (Object, int) short} method handle that is built here,
 * reflectively, for the JDK at hand.
 */
final class SemaphoreAccess {
    /**
     * java.lang.foreign is final from JDK 22 on; there a layout's var handle also takes the base
     * offset that the read handle below relies on.
     */
    static final int SEGMENT_FEATURE = 22;

    private static final MethodType MEMORY_TYPE = MethodType.methodType(Object.class, ByteBuffer.class);
    private static final MethodType READ_TYPE = MethodType.methodType(short.class, Object.class, int.class);
    private static final MethodType FIELD_TYPE = MethodType.methodType(Object.class, Object.class);
    private static final MethodType IS_MAPPED_TYPE = MethodType.methodType(boolean.class, Object.class);
    private static final String MAPPED_FILE = "a mapped file, whose pages fault once the file shrinks";

    private static final System.Logger LOG = System.getLogger("io.usdt4j");

    /** Chosen once per JVM: every provider's memory must suit the one {@link #READ}. */
    static final SemaphoreAccess CHOSEN = chooseForThisJvm();

    /**
     * {@code (Object memory, int offset) short}: {@link #CHOSEN}'s read, in a {@code static final}
     * field so that the JIT inlines it into each probe.
     */
    private static final MethodHandle READ = CHOSEN.read;

    enum Kind {
        /** A {@code MemorySegment} over the buffer, read opaquely: JDK 22 and later. */
        SEGMENT,
        /**
         * The buffer's address as a {@code Long}, read by {@code sun.misc.Unsafe.getShortVolatile}:
         * JDK 17 to 21 only, because JDK 24 and later warn about Unsafe's memory access.
         */
        UNSAFE,
        /** The buffer itself, read opaquely through a view var handle: any JDK, and the slowest. */
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

    final Kind kind;
    /** {@code (ByteBuffer) Object}: the memory that {@link #read} takes. */
    private final MethodHandle memoryOf;
    /** {@code (Object memory, int offset) short}: an opaque or volatile read. */
    final MethodHandle read;
    /**
     * {@code (Object buffer) Object}: the {@code MemorySegment} a buffer is a view of, or null. Only
     * on the unsafe path, where such a buffer is refused: its memory may be freed while the bare
     * address is still read, and the segment's checks would not run.
     */
    private final MethodHandle viewOf;
    /**
     * {@code (Object buffer) Object}: the file a buffer maps, or null; on the unsafe path. A mapped
     * file is refused: once it shrinks, a read of its memory faults (the JVM turns that into an
     * InternalError thrown somewhere later), and a library's semaphores are never one.
     */
    private final MethodHandle fileOf;
    /** {@code (Object memory) boolean}: whether a segment maps a file; on the segment path, for the same reason. */
    private final MethodHandle isMapped;

    private SemaphoreAccess(Kind kind, MethodHandle memoryOf, MethodHandle read, MethodHandle viewOf,
            MethodHandle fileOf, MethodHandle isMapped) {
        this.kind = kind;
        this.memoryOf = memoryOf.asType(MEMORY_TYPE);
        this.read = read.asType(READ_TYPE);
        this.viewOf = viewOf == null ? null : viewOf.asType(FIELD_TYPE);
        this.fileOf = fileOf == null ? null : fileOf.asType(FIELD_TYPE);
        this.isMapped = isMapped == null ? null : isMapped.asType(IS_MAPPED_TYPE);
    }

    /**
     * Reads the semaphore at {@code offset} in {@code memory} ({@link #CHOSEN}'s kind of memory),
     * which the caller has checked.
     */
    static boolean isActive(Object memory, int offset) {
        try {
            return (short) READ.invokeExact(memory, offset) != 0;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static SemaphoreAccess chooseForThisJvm() {
        String requested = Settings.semaphoreAccess();
        Choice choice = choose(requested, Runtime.version().feature());
        if (choice.requestRefused()) { // not a warning: nothing is lost but speed, and only -D... asked otherwise
            LOG.log(System.Logger.Level.INFO, "usdt4j: semaphores are read through {0}; passed over: {1}",
                    choice.access().kind.id(), String.join("; ", choice.passedOver()));
        }
        return choice.access();
    }

    /**
     * The memory {@link #read} takes to read {@code buffer}, a direct buffer, at offsets from its
     * start. On the unsafe path it is a bare address: the caller must keep {@code buffer} reachable.
     *
     * @throws IllegalArgumentException for memory this kind must not read: a mapped file, or on the
     *     unsafe path a view of a {@code MemorySegment}
     */
    Object memoryOf(ByteBuffer buffer) {
        try {
            Object memory = (Object) memoryOf.invokeExact(buffer);
            String refusal = refusal(buffer, memory);
            if (refusal != null) {
                throw new IllegalArgumentException("the semaphore memory is " + refusal
                        + "; only a native library's memory is read");
            }
            return memory;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Why {@code buffer}'s memory is not read this way, or null; once per provider, never per read. */
    private String refusal(ByteBuffer buffer, Object memory) throws Throwable {
        if (viewOf != null && (Object) viewOf.invokeExact((Object) buffer) != null) {
            return "a view of a MemorySegment, which may be freed while " + kind.id() + " reads its address";
        }
        if (fileOf != null && (Object) fileOf.invokeExact((Object) buffer) != null) {
            return MAPPED_FILE;
        }
        if (isMapped != null && (boolean) isMapped.invokeExact(memory)) {
            return MAPPED_FILE;
        }
        return null;
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
        Set<Kind> candidates = new LinkedHashSet<>();
        Kind wanted = null;
        if (requested != null) {
            try {
                wanted = Kind.valueOf(requested.trim().toUpperCase(Locale.ROOT));
                candidates.add(wanted);
            } catch (IllegalArgumentException e) {
                passedOver.add("-D" + Settings.SEMAPHORE_ACCESS + "=" + requested + " names none of segment, unsafe, buffer");
            }
        }
        candidates.add(feature >= SEGMENT_FEATURE ? Kind.SEGMENT : Kind.UNSAFE);
        candidates.add(Kind.BUFFER);
        for (Kind kind : candidates) {
            try {
                return new Choice(create(kind, feature), List.copyOf(passedOver), requested != null && kind != wanted);
            } catch (Unusable e) {
                passedOver.add(kind.id() + " " + e.getMessage());
            }
        }
        throw new IllegalStateException("usdt4j cannot read semaphores at all: " + passedOver);
    }

    /** Builds {@code kind}'s handles and checks that they read what was written. */
    static SemaphoreAccess create(Kind kind, int feature) throws Unusable {
        try {
            SemaphoreAccess access = switch (kind) {
                case SEGMENT -> segment(feature);
                case UNSAFE -> unsafe(feature);
                case BUFFER -> buffer(feature);
            };
            access.checkReads();
            return access;
        } catch (Unusable | VirtualMachineError e) {
            throw e;
        } catch (Throwable e) { // a missing class or module, a method of another shape
            throw new Unusable("failed: " + e, e);
        }
    }

    private static SemaphoreAccess segment(int feature) throws ReflectiveOperationException, Unusable {
        if (feature < SEGMENT_FEATURE) {
            throw new Unusable("needs JDK " + SEGMENT_FEATURE + " or later, and this is JDK " + feature);
        }
        Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
        Class<?> valueLayout = Class.forName("java.lang.foreign.ValueLayout");
        Object javaShort = valueLayout.getField("JAVA_SHORT").get(null); // native byte order, 2-byte aligned
        VarHandle shorts = (VarHandle) valueLayout.getMethod("varHandle").invoke(javaShort); // (segment, long offset)
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        MethodHandle ofBuffer = lookup.unreflect(segment.getMethod("ofBuffer", Buffer.class));
        MethodHandle isMapped = lookup.unreflect(segment.getMethod("isMapped"));
        return new SemaphoreAccess(Kind.SEGMENT, ofBuffer, shorts.toMethodHandle(VarHandle.AccessMode.GET_OPAQUE),
                null, null, isMapped);
    }

    /** {@code getShortVolatile(null, address + offset)}, the address read once from the buffer. */
    private static SemaphoreAccess unsafe(int feature) throws Throwable {
        if (feature >= SEGMENT_FEATURE) {
            throw new Unusable("is not used on JDK " + SEGMENT_FEATURE + " or later (JDK 24 and later warn"
                    + " about sun.misc.Unsafe's memory access), and this is JDK " + feature);
        }
        Class<?> unsafeClass = Class.forName("sun.misc.Unsafe"); // absent without the jdk.unsupported module
        Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
        theUnsafe.setAccessible(true); // jdk.unsupported opens sun.misc to everyone
        Object unsafe = theUnsafe.get(null);
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();

        MethodHandle objectFieldOffset = lookup.findVirtual(unsafeClass, "objectFieldOffset",
                MethodType.methodType(long.class, Field.class)).bindTo(unsafe);
        long addressField = (long) objectFieldOffset.invokeExact(Buffer.class.getDeclaredField("address"));
        MethodHandle getLong = lookup.findVirtual(unsafeClass, "getLong",
                MethodType.methodType(long.class, Object.class, long.class)).bindTo(unsafe);
        MethodHandle address = MethodHandles.insertArguments(getLong, 1, addressField); // (Object buffer) long

        MethodHandle getShortVolatile = lookup.findVirtual(unsafeClass, "getShortVolatile",
                MethodType.methodType(short.class, Object.class, long.class)).bindTo(unsafe);
        MethodHandle atAddress = MethodHandles.insertArguments(getShortVolatile, 0, (Object) null); // (long) short
        MethodHandle sum = lookup.findStatic(Long.class, "sum", MethodType.methodType(long.class, long.class, long.class));
        MethodHandle read = MethodHandles.collectArguments(atAddress, 0, sum); // (long address, long offset) short

        // A buffer made by MemorySegment.asByteBuffer (jdk.incubator.foreign on 17, preview on 19 to 21)
        // records its segment here; a JNI buffer, as a provider's library makes, has none.
        long segmentField = (long) objectFieldOffset.invokeExact(Buffer.class.getDeclaredField("segment"));
        MethodHandle getObject = lookup.findVirtual(unsafeClass, "getObject",
                MethodType.methodType(Object.class, Object.class, long.class)).bindTo(unsafe);
        MethodHandle viewOf = MethodHandles.insertArguments(getObject, 1, segmentField); // (Object buffer) Object
        long fileField = (long) objectFieldOffset.invokeExact(MappedByteBuffer.class.getDeclaredField("fd"));
        MethodHandle fileOf = MethodHandles.insertArguments(getObject, 1, fileField); // (Object buffer) Object
        return new SemaphoreAccess(Kind.UNSAFE, address, read, viewOf, fileOf, null);
    }

    /** On JDK 22+ a mapped file is found through its segment, as on the segment path; before, it is read as the JDK reads it. */
    private static SemaphoreAccess buffer(int feature) {
        VarHandle shorts = MethodHandles.byteBufferViewVarHandle(short[].class, ByteOrder.nativeOrder());
        MethodHandle isMapped = null;
        if (feature >= SEGMENT_FEATURE) {
            try {
                Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                isMapped = MethodHandles.filterArguments(lookup.unreflect(segment.getMethod("isMapped")), 0,
                        lookup.unreflect(segment.getMethod("ofBuffer", Buffer.class)).asType(
                                MethodType.methodType(segment, ByteBuffer.class))); // (ByteBuffer) boolean
            } catch (ReflectiveOperationException | RuntimeException e) {
                isMapped = null; // the slow path must always be there
            }
        }
        return new SemaphoreAccess(Kind.BUFFER, MethodHandles.identity(ByteBuffer.class),
                shorts.toMethodHandle(VarHandle.AccessMode.GET_OPAQUE), null, null, isMapped);
    }

    /** Handles of a surprising shape, or an address read from the wrong field, fail here, not in a probe. */
    private void checkReads() throws Throwable {
        ByteBuffer buffer = ByteBuffer.allocateDirect(2 * Short.BYTES).order(ByteOrder.nativeOrder());
        buffer.putShort(Short.BYTES, (short) 0x1234);
        try {
            Object memory = memoryOf(buffer.asReadOnlyBuffer());
            short first = (short) read.invokeExact(memory, 0);
            short second = (short) read.invokeExact(memory, Short.BYTES);
            if (first != 0 || second != 0x1234) {
                throw new Unusable("read " + first + " and " + second + " where 0 and " + 0x1234 + " were written");
            }
        } finally {
            Reference.reachabilityFence(buffer);
        }
    }
}
