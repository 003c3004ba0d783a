package io.usdt4j.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
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
 * copies {@link #semaphores()} and each {@link #offset(int)} into {@code static final} fields,
 * and guards every probe with {@link #isActive(ByteBuffer, int)}: while no tracer is attached
 * a probe costs one memory read and a branch.
 *
 * <p>When the library cannot be loaded the binding is inert: its semaphores are zeros that
 * never change, so every probe is skipped and every is-enabled query is false, and one warning
 * names the cause.
 */
public final class ProviderBinding {
    /** {@code -Dusdt4j.disable=true} turns every provider into a no-op without loading anything. */
    public static final String DISABLE_PROPERTY = "usdt4j.disable";

    private static final System.Logger LOG = System.getLogger("io.usdt4j");

    /** A USDT semaphore is an unsigned short that the kernel increments per attached tracer. */
    private static final VarHandle SEMAPHORE =
            MethodHandles.byteBufferViewVarHandle(short[].class, ByteOrder.nativeOrder());

    private static final String SEMAPHORES_NATIVE = "semaphores$";

    /** Weak keys: a web application's generated classes must stay unloadable. */
    private static final Map<Class<?>, ProviderBinding> BY_GENERATED_CLASS = new WeakHashMap<>();

    private final String provider;
    private final ByteBuffer semaphores;
    private final int[] offsets;
    private final Path library;
    private final String unavailableReason;

    private ProviderBinding(String provider, ByteBuffer semaphores, int[] offsets, Path library, String reason) {
        this.provider = provider;
        this.semaphores = semaphores;
        this.offsets = offsets;
        this.library = library;
        this.unavailableReason = reason;
    }

    /**
     * Loads {@code provider}'s library on behalf of {@code lookup}'s class, which must declare
     * {@code private static native ByteBuffer semaphores$(int[] offsets)}. Never throws: on any
     * failure it logs one warning and returns an inert binding.
     *
     * @param lookup a full-privilege lookup of the generated class; the library is loaded as if
     *     by that class, so it belongs to that class's loader and registers natives on it
     */
    public static ProviderBinding load(MethodHandles.Lookup lookup, String provider, int probeCount) {
        ProviderBinding binding = bind(lookup, provider, probeCount);
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

    private static ProviderBinding bind(MethodHandles.Lookup lookup, String provider, int probeCount) {
        if (Boolean.getBoolean(DISABLE_PROPERTY)) {
            return inert(provider, probeCount, "-D" + DISABLE_PROPERTY + "=true");
        }
        try {
            Path library = LibraryExtractor.extract(lookup.lookupClass(), provider);
            MethodHandle systemLoad = lookup.findStatic(System.class, "load",
                    MethodType.methodType(void.class, String.class));
            systemLoad.invokeExact(library.toString());
            MethodHandle semaphoresNative = lookup.findStatic(lookup.lookupClass(), SEMAPHORES_NATIVE,
                    MethodType.methodType(ByteBuffer.class, int[].class));
            int[] offsets = new int[probeCount];
            ByteBuffer region = (ByteBuffer) semaphoresNative.invokeExact(offsets);
            checkRegion(region, offsets);
            return new ProviderBinding(provider, region.asReadOnlyBuffer().order(ByteOrder.nativeOrder()),
                    offsets, library, null);
        } catch (UnavailableException e) {
            return inert(provider, probeCount, e.getMessage());
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            return inert(provider, probeCount, e.toString());
        }
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
        ByteBuffer zeros = ByteBuffer.allocateDirect(Math.max(1, probeCount) * Short.BYTES).order(ByteOrder.nativeOrder());
        return new ProviderBinding(provider, zeros.asReadOnlyBuffer().order(ByteOrder.nativeOrder()),
                offsets, null, reason);
    }

    /**
     * True while at least one tracer is attached to the probe whose semaphore is at
     * {@code offset}. An opaque read: a compiled loop sees a tracer attach, and pays no fence.
     */
    public static boolean isActive(ByteBuffer semaphores, int offset) {
        return (short) SEMAPHORE.getOpaque(semaphores, offset) != 0;
    }

    /** The memory that holds this provider's semaphores (zeros when inert). */
    public ByteBuffer semaphores() {
        return semaphores;
    }

    /** Byte offset of probe {@code probe}'s semaphore in {@link #semaphores()}. */
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

    /** Why the probes do nothing, when the library could not be loaded. */
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailableReason);
    }
}
