package io.usdt4j.runtime;

import io.usdt4j.UsdtUnavailableException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * Connects a generated provider class to its native library and to the USDT semaphores in it.
 *
 * <p>For generated code. A generated class calls {@link #load} from its static initializer,
 * copies {@link #semaphoreMemory()} and each {@link #offset(int)} into {@code static final}
 * fields, and guards every probe with {@link #isActive(Object, int)}: while no tracer is attached
 * a probe costs one memory read and a branch, about what an empty call costs. That holds only
 * because the JIT treats those fields as constants and folds everything but the read itself, so
 * the memory is whatever kind of object this JVM folds best ({@link #semaphoreAccess()}), and the
 * generated code, compiled for Java 17, sees just an {@code Object}.
 *
 * <p>When the library cannot be loaded the binding is inert: its semaphores are zeros that
 * never change, so every probe is skipped and every is-enabled query is false, and one warning
 * names the cause.
 */
public final class ProviderBinding {
    /** {@code -Dusdt4j.disable=true} turns every provider into a no-op without loading anything. */
    public static final String DISABLE_PROPERTY = "usdt4j.disable";

    /**
     * {@code -Dusdt4j.required=true} makes a provider whose library cannot be loaded throw
     * {@link UsdtUnavailableException} from {@link #load} instead of degrading to a no-op.
     * {@link #DISABLE_PROPERTY} still wins: a disabled provider is a no-op, not an error.
     */
    public static final String REQUIRED_PROPERTY = "usdt4j.required";

    /**
     * A JVM loads one path into one class loader only. The same provider class in a second,
     * isolated loader (a second web application) loads its own copy of the library instead,
     * under another name; this bounds how many such copies one directory gets.
     */
    static final int MAX_LOADER_COPIES = 32;

    private static final System.Logger LOG = System.getLogger("io.usdt4j");

    /** Chosen once per JVM: every binding's memory must suit the one {@link #READ}. */
    private static final SemaphoreAccess ACCESS = chooseAccess();

    /**
     * Reads a USDT semaphore, an unsigned short that the kernel increments per attached tracer:
     * {@code (Object memory, int offset) short}. A {@code static final} handle, so that the JIT
     * inlines it into each probe.
     */
    private static final MethodHandle READ = ACCESS.read;

    private static final String SEMAPHORES_NATIVE = "semaphores$";
    private static final String BIND_PROBES_NATIVE = "bindProbes$";

    /** Weak keys: a web application's generated classes must stay unloadable. */
    private static final Map<Class<?>, ProviderBinding> BY_GENERATED_CLASS = new WeakHashMap<>();

    private final String provider;
    /** Holds the memory that {@link #memory} may merely point at. */
    private final ByteBuffer region;
    private final Object memory;
    private final int[] offsets;
    private final Path library;
    private final int probeNopSize;
    private final String unavailableReason;

    /** {@code region} is read at offsets from its start, whatever its position and limit. */
    private ProviderBinding(String provider, ByteBuffer region, int[] offsets, Path library, int probeNopSize,
            String reason) {
        this.provider = provider;
        this.region = region.asReadOnlyBuffer().clear().order(ByteOrder.nativeOrder());
        this.memory = ACCESS.memoryOf(this.region);
        this.offsets = offsets;
        this.library = library;
        this.probeNopSize = probeNopSize;
        this.unavailableReason = reason;
    }

    /**
     * Loads {@code provider}'s library on behalf of {@code lookup}'s class, which must declare
     * {@code private static native ByteBuffer semaphores$(int[] offsets)} and
     * {@code private static native int bindProbes$(int nopSize)}. On any failure it logs
     * one warning and returns an inert binding, unless {@code -Dusdt4j.required=true}.
     *
     * @param lookup a full-privilege lookup of the generated class; the library is loaded as if
     *     by that class, so it belongs to that class's loader and registers natives on it
     * @throws UsdtUnavailableException when the library cannot be loaded and
     *     {@code -Dusdt4j.required=true}
     */
    public static ProviderBinding load(MethodHandles.Lookup lookup, String provider, int probeCount) {
        ProviderBinding binding;
        if (Boolean.getBoolean(DISABLE_PROPERTY)) {
            binding = inert(provider, probeCount, "-D" + DISABLE_PROPERTY + "=true");
        } else {
            try {
                binding = bind(lookup, provider, probeCount);
            } catch (UnavailableException e) {
                if (Boolean.getBoolean(REQUIRED_PROPERTY)) {
                    throw new UsdtUnavailableException(provider, e.getMessage());
                }
                binding = inert(provider, probeCount, e.getMessage());
            }
        }
        synchronized (BY_GENERATED_CLASS) {
            BY_GENERATED_CLASS.put(lookup.lookupClass(), binding);
        }
        return binding;
    }

    /** The binding that {@code generatedClass} loaded in its static initializer. */
    public static Optional<ProviderBinding> of(Class<?> generatedClass) {
        synchronized (BY_GENERATED_CLASS) {
            return Optional.ofNullable(BY_GENERATED_CLASS.get(generatedClass));
        }
    }

    /** Loads the library and reads its semaphores; every failure becomes an UnavailableException. */
    private static ProviderBinding bind(MethodHandles.Lookup lookup, String provider, int probeCount)
            throws UnavailableException {
        try {
            Class<?> owner = lookup.lookupClass();
            Path library = loadLibrary(lookup, provider);
            MethodHandle semaphoresNative = lookup.findStatic(owner, SEMAPHORES_NATIVE,
                    MethodType.methodType(ByteBuffer.class, int[].class));
            int[] offsets = new int[probeCount];
            ByteBuffer region = (ByteBuffer) semaphoresNative.invokeExact(offsets);
            checkRegion(region, offsets);
            MethodHandle bindProbesNative = lookup.findStatic(owner, BIND_PROBES_NATIVE,
                    MethodType.methodType(int.class, int.class));
            int probeNopSize = (int) bindProbesNative.invokeExact(Platform.current().probeNopSize());
            if (probeNopSize != 1 && probeNopSize != 5) {
                throw new UnavailableException("the native library could not register its probe methods");
            }
            return new ProviderBinding(provider, region, offsets, library, probeNopSize, null);
        } catch (UnavailableException | VirtualMachineError e) {
            throw e;
        } catch (UnsatisfiedLinkError e) {
            throw new UnavailableException(e + hint(e));
        } catch (Throwable e) {
            throw new UnavailableException(e.toString());
        }
    }

    /**
     * Extracts and loads the library as if by the lookup class. When another class loader of this
     * JVM already loaded that very file, loads a copy of it under another name instead, so that
     * each loader's generated class gets its own natives.
     */
    private static Path loadLibrary(MethodHandles.Lookup lookup, String provider) throws Throwable {
        MethodHandle systemLoad = lookup.findStatic(System.class, "load",
                MethodType.methodType(void.class, String.class));
        for (int copy = 0; ; copy++) {
            Path library = LibraryExtractor.extract(lookup.lookupClass(), provider, copy);
            try {
                systemLoad.invokeExact(library.toString());
                return library;
            } catch (UnsatisfiedLinkError e) {
                if (!isLoadedByAnotherLoader(e) || copy == MAX_LOADER_COPIES) {
                    throw e;
                }
            }
        }
    }

    private static boolean isLoadedByAnotherLoader(UnsatisfiedLinkError e) {
        return String.valueOf(e.getMessage()).contains("already loaded in another classloader");
    }

    /** What a user can do about the dynamic linker's terse messages. */
    private static String hint(UnsatisfiedLinkError e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("failed to map segment") || message.contains("operation not permitted")) {
            return "; is the library directory on a file system mounted noexec? Set -D"
                    + LibraryExtractor.DIRECTORY_PROPERTY + " to a private directory that allows executables";
        }
        if (isLoadedByAnotherLoader(e)) {
            return "; " + (MAX_LOADER_COPIES + 1) + " class loaders already hold copies of this provider";
        }
        return "";
    }

    /** For tests: a binding that reads the semaphores in {@code region}, with no probe natives bound. */
    static ProviderBinding over(String provider, ByteBuffer region, int[] offsets, Path library)
            throws UnavailableException {
        checkRegion(region, offsets);
        return new ProviderBinding(provider, region, offsets, library, 0, null);
    }

    private static void checkRegion(ByteBuffer region, int[] offsets) throws UnavailableException {
        if (region == null || !region.isDirect()) {
            throw new UnavailableException("the native library returned no semaphore memory");
        }
        for (int offset : offsets) {
            if (offset < 0 || offset % Short.BYTES != 0 || offset > region.capacity() - Short.BYTES) {
                throw new UnavailableException("the native library returned semaphore offsets "
                        + Arrays.toString(offsets) + " outside its " + region.capacity() + "-byte region");
            }
        }
    }

    private static ProviderBinding inert(String provider, int probeCount, String reason) {
        LOG.log(System.Logger.Level.WARNING,
                "usdt4j: probes of provider ''{0}'' are disabled and do nothing: {1}", provider, reason);
        int[] offsets = new int[probeCount];
        Arrays.setAll(offsets, i -> i * Short.BYTES);
        // Direct, so that every kind of semaphore memory can be made of it.
        ByteBuffer zeros = ByteBuffer.allocateDirect(Math.max(1, probeCount) * Short.BYTES);
        return new ProviderBinding(provider, zeros, offsets, null, 0, reason);
    }

    private static SemaphoreAccess chooseAccess() {
        String requested = System.getProperty(SemaphoreAccess.PROPERTY);
        SemaphoreAccess.Choice choice = SemaphoreAccess.choose(requested, Runtime.version().feature());
        // Not a warning: nothing is lost but speed, and only -D... asked for something else.
        LOG.log(choice.requestRefused() ? System.Logger.Level.INFO : System.Logger.Level.DEBUG,
                "usdt4j: semaphores are read through {0}{1}", choice.access().kind.id(),
                choice.passedOver().isEmpty() ? "" : "; passed over: " + String.join("; ", choice.passedOver()));
        return choice.access();
    }

    /**
     * True while at least one tracer is attached to the probe whose semaphore is at
     * {@code offset} in {@code memory}. An opaque read (on the unsafe path a volatile one, the same
     * plain load on x86): a compiled loop sees a tracer attach, and pays no fence.
     *
     * @param memory a binding's {@link #semaphoreMemory()}
     * @param offset that binding's {@link #offset(int)}; on the unsafe path nothing checks it again
     */
    public static boolean isActive(Object memory, int offset) {
        try {
            return (short) READ.invokeExact(memory, offset) != 0;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The memory that holds this provider's semaphores (zeros when inert), for generated code to
     * keep in a {@code static final} field and pass to {@link #isActive}. Its class depends on
     * {@link #semaphoreAccess()}; nothing else may rely on it.
     */
    public Object semaphoreMemory() {
        return memory;
    }

    /**
     * How this JVM reads semaphores, for diagnosis: {@code segment} (a {@code MemorySegment},
     * JDK 22 and later), {@code unsafe} (an address read by {@code sun.misc.Unsafe}, JDK 17 to 21)
     * or {@code buffer} (a {@code ByteBuffer} view, where neither is available: slower, by about
     * half a nanosecond a probe). {@code -Dusdt4j.semaphoreAccess=segment|unsafe|buffer} asks for
     * one; a kind this JVM cannot use gives the usual choice, with a log record at INFO saying why.
     */
    public static String semaphoreAccess() {
        return ACCESS.kind.id();
    }

    /** Byte offset of probe {@code probe}'s semaphore in {@link #semaphoreMemory()}. */
    public int offset(int probe) {
        return offsets[probe];
    }

    public String provider() {
        return provider;
    }

    /** The extracted library tracers attach to, when loaded. */
    public Optional<Path> library() {
        return Optional.ofNullable(library);
    }

    /**
     * The size of the nop instruction the probes fire on: 1, or 5 where the kernel turns a traced
     * five-byte nop into a call (see {@link Platform#PROBE_NOP_PROPERTY}); 0 when inert.
     */
    public int probeNopSize() {
        return probeNopSize;
    }

    /** Why the probes do nothing, when the library could not be loaded. */
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailableReason);
    }
}
