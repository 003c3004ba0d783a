// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

import io.usdt4j.UsdtUnavailableException;
import io.usdt4j.contract.Causes;
import io.usdt4j.contract.Limits;
import io.usdt4j.contract.NativeContract;
import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.UsdtNames;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * Connects a generated provider class to its native library and to the USDT semaphores in it.
 *
 * <p>For generated code only. A generated class calls {@link #load} once, from its static
 * initializer, keeps {@link #semaphores()} and each {@link #offset(int)} in {@code static final}
 * fields, creates its instance through {@link #publish}, and guards every probe with
 * {@link Semaphores#isActive(int)}: while no tracer is attached a probe costs one memory read and
 * a branch, about what an empty call costs. A traced fire of a probe with string arguments writes
 * them into its provider's {@link #strings()}.
 *
 * <p>When the library cannot be loaded the binding is inert: its semaphores are zeros that
 * never change, so every probe is skipped and every is-enabled query is false, and one warning
 * names the cause.
 *
 * <p>Nothing here reads memory other than a provider's own semaphores: the semaphore memory comes
 * only from the provider's library, checked against the offsets it reported, and every read is
 * checked against it. A misuse throws an exception.
 */
public final class ProviderBinding {
    /**
     * A JVM loads one path into one class loader only. The same provider class in a second,
     * isolated loader (a second web application) loads its own copy of the library instead,
     * under another name; this bounds how many such copies one directory gets.
     */
    static final int MAX_LOADER_COPIES = 32;

    /**
     * The runtime's {@code System.Logger}, looked up only when something is logged: the lookup
     * alone starts the JDK's logging back end (java.util.logging, its lambdas and streams), which
     * a JVM whose providers all load must not pay at start-up.
     */
    static final String LOGGER = "io.usdt4j";

    /**
     * Weak keys and values: a web application's generated classes must stay unloadable. The
     * generated class's own {@code static final} field keeps its binding, and the binding's
     * semaphores keep the class (and so its library) in turn.
     */
    private static final Map<Class<?>, WeakReference<ProviderBinding>> BY_GENERATED_CLASS = new WeakHashMap<>();

    private final String provider;
    private final ProviderNatives natives;
    private final int maxStringBytes;
    private final int stringSlots;
    private final Semaphores semaphores;
    private final int[] offsets;
    private final Path library;
    private final int probeNopSize;
    private final UnavailableException unavailable;
    /** Weak: the generated class's own field keeps it, and it must not keep its class loader. */
    private WeakReference<Object> instance;
    /** Made at the first traced fire of a string argument. */
    private volatile StringScratch strings;

    /**
     * {@code region} is read at offsets from its start, whatever its position and limit;
     * {@code owner} is the class whose loader holds the library that {@code region} lies in.
     */
    private ProviderBinding(String provider, ProviderNatives natives, int maxStringBytes, int stringSlots,
            ByteBuffer region, Class<?> owner, int[] offsets, Path library, int probeNopSize,
            UnavailableException unavailable) {
        ByteBuffer buffer = region.asReadOnlyBuffer().clear().order(ByteOrder.nativeOrder());
        this.provider = provider;
        this.natives = natives;
        this.maxStringBytes = maxStringBytes;
        this.stringSlots = stringSlots;
        this.semaphores = SemaphoreAccess.CHOSEN.over(buffer, owner);
        this.offsets = offsets;
        this.library = library;
        this.probeNopSize = probeNopSize;
        this.unavailable = unavailable;
    }

    /**
     * Loads {@code provider}'s library on behalf of the generated provider class that
     * {@code natives} is nested in (its nest host), which declares the natives of
     * {@link NativeContract}. On any failure it logs one warning and returns an inert binding,
     * unless {@code -Dusdt4j.required=true}.
     *
     * @param natives the generated class's private nested {@link ProviderNatives}
     * @param maxStringBytes the provider's {@code maxStringBytes}
     * @param stringSlots the most string arguments (strings, other character sequences, enums) of
     *     one of its probes, 0 to {@link Limits#MAX_ARGUMENTS}: what a buffer of {@link #strings()} holds
     * @throws UsdtUnavailableException when the library cannot be loaded and
     *     {@code -Dusdt4j.required=true}
     * @throws IllegalArgumentException for a provider name that {@link UsdtNames#isValid} refuses,
     *     or a probe count, string limit or string count out of range ({@link Limits})
     */
    public static ProviderBinding load(ProviderNatives natives, String provider, int probeCount, int maxStringBytes,
            int stringSlots) {
        return load(natives, provider, probeCount, maxStringBytes, stringSlots, null);
    }

    /**
     * {@link #load}, of a library written at run time rather than one beside the class: usdt4j's
     * agent writes {@code library} for the class it generates, and this installs it in the library
     * directory with every check {@link #load} makes. Not public: only the agent's copy of this
     * package calls it, from the class it defined in that package.
     *
     * @param written the library's bytes, or null for the one beside the generated class
     */
    static ProviderBinding load(ProviderNatives natives, String provider, int probeCount, int maxStringBytes,
            int stringSlots, byte[] written) {
        Objects.requireNonNull(natives, "natives");
        Objects.requireNonNull(provider, "provider");
        if (!UsdtNames.isValid(provider)) {
            throw new IllegalArgumentException("'" + provider + "' is not a provider name");
        }
        if (!Limits.isProbeCount(probeCount)) {
            throw new IllegalArgumentException(probeCount + " probes is outside 0.." + Limits.MAX_PROBES);
        }
        if (!Limits.isMaxStringBytes(maxStringBytes)) {
            throw new IllegalArgumentException("maxStringBytes " + maxStringBytes + " is outside "
                    + Limits.MIN_STRING_BYTES + ".." + Limits.MAX_STRING_BYTES);
        }
        if (stringSlots < 0 || stringSlots > Limits.MAX_ARGUMENTS) {
            throw new IllegalArgumentException(stringSlots + " string arguments is outside 0.." + Limits.MAX_ARGUMENTS);
        }
        ProviderBinding binding;
        if (Settings.disabled()) {
            binding = inert(natives, provider, probeCount, maxStringBytes, stringSlots,
                    new UnavailableException("-D" + Settings.DISABLE + "=true"));
        } else {
            try {
                binding = bind(natives, provider, probeCount, maxStringBytes, stringSlots, written);
            } catch (UnavailableException e) {
                if (Settings.required()) {
                    throw new UsdtUnavailableException(provider, e.getMessage(), e.getCause());
                }
                binding = inert(natives, provider, probeCount, maxStringBytes, stringSlots, e);
            }
        }
        synchronized (BY_GENERATED_CLASS) {
            BY_GENERATED_CLASS.put(natives.getClass().getNestHost(), new WeakReference<>(binding));
        }
        return binding;
    }

    /** The binding that {@code generatedClass} loaded in its static initializer. */
    public static Optional<ProviderBinding> of(Class<?> generatedClass) {
        return Optional.ofNullable(registered(generatedClass));
    }

    private static ProviderBinding registered(Class<?> generatedClass) {
        synchronized (BY_GENERATED_CLASS) {
            WeakReference<ProviderBinding> binding = BY_GENERATED_CLASS.get(generatedClass);
            return binding == null ? null : binding.get();
        }
    }

    /**
     * Records {@code instance} as the provider this binding serves, for {@link io.usdt4j.Usdt#provider},
     * and returns it. The generated class calls this once, for its {@code INSTANCE}.
     *
     * @throws IllegalArgumentException when {@code instance} is not of the class that loaded this binding
     * @throws IllegalStateException when an instance was published already
     */
    public <T> T publish(T instance) {
        Objects.requireNonNull(instance, "instance");
        synchronized (BY_GENERATED_CLASS) {
            if (registered(instance.getClass()) != this) {
                throw new IllegalArgumentException(instance.getClass().getName()
                        + " is not the class that loaded the binding of provider '" + provider + "'");
            }
            if (this.instance != null) {
                throw new IllegalStateException("provider '" + provider + "' was published already");
            }
            this.instance = new WeakReference<>(instance);
        }
        return instance;
    }

    /** The provider instance the generated class published, if it did. */
    public Optional<Object> instance() {
        synchronized (BY_GENERATED_CLASS) {
            return Optional.ofNullable(instance == null ? null : instance.get());
        }
    }

    /** Loads the library and reads its semaphores; every failure becomes an UnavailableException. */
    private static ProviderBinding bind(ProviderNatives natives, String provider, int probeCount, int maxStringBytes,
            int stringSlots, byte[] written) throws UnavailableException {
        try {
            PlatformId platform = Settings.platform();
            Class<?> owner = natives.getClass().getNestHost();
            Path library = loadLibrary(natives, owner, platform, provider, written);
            int[] filled = new int[probeCount];
            ByteBuffer region = natives.semaphores(filled);
            int[] offsets = filled.clone(); // what is checked is what is kept, whatever writes to filled later
            checkRegion(region, offsets);
            int bound = natives.bindProbes(ProbeSites.nopSize(platform));
            if (bound != NativeContract.NOP1 && bound != NativeContract.NOP5) {
                throw new UnavailableException("the native library could not register its probe methods");
            }
            return new ProviderBinding(provider, natives, maxStringBytes, stringSlots, region, owner, offsets, library,
                    bound, null);
        } catch (UnavailableException | VirtualMachineError e) {
            throw e;
        } catch (UnsatisfiedLinkError e) {
            throw new UnavailableException(describe(e) + hint(e), e);
        } catch (IllegalCallerException e) { // JDK 24+ with --illegal-native-access=deny
            throw new UnavailableException(describe(e) + "; run java with --enable-native-access="
                    + nativeAccessName(natives.getClass().getModule()), e);
        } catch (Exception | LinkageError e) {
            throw new UnavailableException(describe(e), e);
        }
    }

    /** What {@code --enable-native-access} calls {@code module}. */
    static String nativeAccessName(Module module) {
        return module.isNamed() ? module.getName() : "ALL-UNNAMED";
    }

    /**
     * {@code failure} and its causes, for the one warning: each cause whose message the text so far
     * does not already hold is appended, so the root cause is never lost behind a wrapper.
     */
    static String describe(Throwable failure) {
        return Causes.describe(failure, "; caused by ");
    }

    /**
     * Extracts and loads the library as if by the generated class. When another class loader of this
     * JVM already loaded that very file, loads a copy of it under another name instead, so that
     * each loader's generated class gets its own natives.
     */
    private static Path loadLibrary(ProviderNatives natives, Class<?> owner, PlatformId platform, String provider,
            byte[] written) throws Exception {
        for (int copy = 0; ; copy++) {
            Path library = written == null ? LibraryExtractor.extract(owner, platform, provider, copy)
                    : LibraryExtractor.install(platform, provider, written, copy);
            try {
                natives.loadLibrary(library.toString());
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
                    + Settings.DIRECTORY + " to a private directory that allows executables";
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
        return new ProviderBinding(provider, null, Limits.MIN_STRING_BYTES, 0, region, null, offsets.clone(), library,
                0, null);
    }

    private static void checkRegion(ByteBuffer region, int[] offsets) throws UnavailableException {
        if (region == null || !region.isDirect() || region.capacity() < Short.BYTES) {
            throw new UnavailableException("the native library returned no semaphore memory");
        }
        if (region.alignmentOffset(0, Short.BYTES) != 0) { // an unaligned read may fault on some CPUs
            throw new UnavailableException("the native library returned semaphore memory that is not "
                    + Short.BYTES + "-byte aligned");
        }
        for (int offset : offsets) {
            if (offset < 0 || offset % Short.BYTES != 0 || offset > region.capacity() - Short.BYTES) {
                throw new UnavailableException("the native library returned semaphore offsets "
                        + Arrays.toString(offsets) + " outside its " + region.capacity() + "-byte region");
            }
        }
    }

    private static ProviderBinding inert(ProviderNatives natives, String provider, int probeCount, int maxStringBytes,
            int stringSlots, UnavailableException reason) {
        System.getLogger(LOGGER).log(System.Logger.Level.WARNING, "usdt4j: probes of provider ''{0}'' are disabled and do nothing: {1}", provider, reason.getMessage());
        int[] offsets = new int[probeCount];
        for (int i = 0; i < probeCount; i++) {
            offsets[i] = i * Short.BYTES;
        }
        // Direct, so that every kind of semaphore memory can be made of it.
        ByteBuffer zeros = ByteBuffer.allocateDirect(Math.max(1, probeCount) * Short.BYTES);
        return new ProviderBinding(provider, natives, maxStringBytes, stringSlots, zeros, null, offsets, null, 0, reason);
    }

    /**
     * How this JVM reads semaphores, for diagnosis: {@code segment} (a {@code MemorySegment},
     * JDK 22 and later), {@code unsafe} (an address read by {@code sun.misc.Unsafe}, JDK 17 to 21)
     * or {@code buffer} (a {@code ByteBuffer} view, where neither is available: slower, by about
     * half a nanosecond a probe). {@code -Dusdt4j.semaphoreAccess=segment|unsafe|buffer} asks for
     * one; a kind this JVM cannot use gives the usual choice, with a log record at INFO saying why.
     */
    public static String semaphoreAccess() {
        return SemaphoreAccess.CHOSEN.kind.id();
    }

    /**
     * The native memory this provider's traced fires write their string arguments into, made at
     * the first call (a provider's first traced fire of a string argument), then always the same.
     */
    public StringScratch strings() {
        StringScratch strings = this.strings;
        if (strings == null) {
            synchronized (BY_GENERATED_CLASS) {
                strings = this.strings;
                if (strings == null) {
                    strings = new StringScratch(maxStringBytes, stringSlots, SemaphoreAccess.CHOSEN, natives);
                    this.strings = strings;
                }
            }
        }
        return strings;
    }

    /** This provider's semaphores, for generated code to keep in a {@code static final} field. */
    public Semaphores semaphores() {
        return semaphores;
    }

    /**
     * Byte offset of probe {@code probe}'s semaphore in {@link #semaphores()}.
     *
     * @throws IndexOutOfBoundsException when the provider has no probe {@code probe}
     */
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
     * five-byte nop into a call ({@code -Dusdt4j.probeNop}); 0 when inert.
     */
    public int probeNopSize() {
        return probeNopSize;
    }

    /** Why the probes do nothing, when the library could not be loaded. */
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailable == null ? null : unavailable.getMessage());
    }

    /** What failed, when the library could not be loaded because something threw. */
    public Optional<Throwable> unavailableCause() {
        return Optional.ofNullable(unavailable == null ? null : unavailable.getCause());
    }
}
