// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import io.usdt4j.Usdt;
import io.usdt4j.internal.ProviderBinding;
import io.usdt4j.internal.ProviderNatives;
import io.usdt4j.internal.Semaphores;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Run in a JVM of its own by HostileCallsTest, so that a crash fails the test instead of the
 * build: calls every public and protected constructor and method of every public class of the
 * usdt4j runtime with hostile arguments, then attacks real loaded providers and crafted
 * {@link ProviderNatives}. Every call must return or throw; it prints what each did, and a
 * summary line last.
 */
public final class HostileCallsApp {
    /** At most this many argument combinations per method; beyond it, an even sample of them. */
    private static final int MAX_COMBINATIONS = 3000;
    private static final int MAX_POOL = 400;

    /** Kept, so that its level stays OFF: thousands of inert providers would warn thousands of times. */
    private static final Logger USDT4J_LOG = Logger.getLogger("io.usdt4j");

    /** What calls returned, to be passed back to other calls and used as receivers. */
    private static final List<Object> POOL = new ArrayList<>();
    private static final Map<String, Integer> OUTCOMES = new TreeMap<>();
    private static final List<String> MISMATCHES = new ArrayList<>();
    private static long calls;

    private HostileCallsApp() {}

    public static void main(String[] args) throws Exception {
        USDT4J_LOG.setLevel(Level.OFF);
        EveryTypeProbes everyType = Usdt.provider(EveryTypeProbes.class);
        OpsProbes ops = Usdt.provider(OpsProbes.class);
        require(Usdt.libraryPath(EveryTypeProbes.class).isPresent(), "usdt4j_it loaded: " + Usdt.unavailableReason(EveryTypeProbes.class));
        require(Usdt.libraryPath(OpsProbes.class).isPresent(), "usdt4j_ops loaded: " + Usdt.unavailableReason(OpsProbes.class));
        ProviderBinding everyTypeBinding = ProviderBinding.of(everyType.getClass()).orElseThrow();
        ProviderBinding opsBinding = ProviderBinding.of(ops.getClass()).orElseThrow();
        System.out.println("semaphoreAccess=" + ProviderBinding.semaphoreAccess());
        if (Arrays.asList(args).contains("--await-tracer")) { // every probe traced: the natives get every hostile value
            System.out.println("ready " + ProcessHandle.current().pid());
            for (int wait = 0; !allEnabled(everyType, ops); wait++) {
                require(wait < 6000, "a tracer attached to every probe within a minute");
                Thread.sleep(10);
            }
            System.out.println("traced");
        }

        // The real providers are attacked first, while nothing else has touched them.
        attackSemaphores("usdt4j_it", everyTypeBinding);
        attackSemaphores("usdt4j_ops", opsBinding);
        attackBinding("usdt4j_it", everyTypeBinding, everyType, ops);
        attackStrings("usdt4j_it", everyTypeBinding, 3);
        attackStrings("usdt4j_ops", opsBinding, 1);
        attackNatives();
        attackUnloadedLoader();

        Collections.addAll(POOL, everyType, ops, everyTypeBinding, opsBinding, everyTypeBinding.semaphores(),
                opsBinding.semaphores(), EveryTypeProbes.class.getAnnotation(io.usdt4j.UsdtProvider.class));
        // The providers' native memory for strings, and leases of it: one held by this thread, one given back.
        io.usdt4j.internal.StringScratch.Lease released = opsBinding.strings().acquire();
        released.release();
        Collections.addAll(POOL, everyTypeBinding.strings(), opsBinding.strings(), everyTypeBinding.strings().acquire(),
                released);
        POOL.addAll(craftedNativesForCalls()); // receivers of ProviderNatives' protected methods
        POOL.add(EveryTypeProbes.class.getMethod("nothing").getAnnotation(io.usdt4j.Probe.class));
        for (io.usdt4j.contract.Platform platform : io.usdt4j.contract.Platform.values()) { // the table's parts, receivers of their own methods
            Collections.addAll(POOL, platform.elf(), platform.jni());
            POOL.addAll(platform.jni().registers());
            for (io.usdt4j.contract.Platform.ProbeSite site : platform.sites()) {
                POOL.add(site);
                if (site.fastFrom() != null) {
                    POOL.add(site.fastFrom());
                }
            }
        }
        List<Executable> members = new ArrayList<>();
        for (Class<?> type : runtimeClasses()) {
            members.addAll(publicMembers(type));
            for (Field field : type.getFields()) { // PlatformId.LINUX_X86_64, NativeContract.SEMAPHORES, ...
                if (Modifier.isStatic(field.getModifiers())) {
                    keep(field.get(null));
                }
            }
        }
        int runtimeMembers = members.size();
        members.addAll(publicMembers(everyType.getClass())); // generated code is public too
        members.addAll(publicMembers(ops.getClass()));
        // Constructors and static methods first (a stable sort): what they return becomes receivers of the rest.
        members.sort(Comparator.comparing(member -> !isStatic(member)));
        Set<String> uncalled = new TreeSet<>();
        for (Executable member : members) {
            if (callWithHostileArguments(member) == 0) {
                uncalled.add(member.toString());
            }
        }
        for (String member : uncalled) {
            System.out.println("uncalled " + member);
        }
        for (String mismatch : MISMATCHES) {
            System.out.println("mismatch " + mismatch);
        }
        for (Map.Entry<String, Integer> outcome : OUTCOMES.entrySet()) {
            System.out.println("outcome " + outcome.getKey() + " " + outcome.getValue());
        }
        System.out.println("summary runtimeMembers=" + runtimeMembers + " members=" + members.size() + " calls=" + calls
                + " uncalled=" + uncalled.size() + " mismatches=" + MISMATCHES.size());
    }

    // ---------------------------------------------------------------- real providers

    private static boolean allEnabled(EveryTypeProbes p, OpsProbes o) {
        return p.isSignedIntegersEnabled() && p.isUnsignedIntegersEnabled() && p.isStringsEnabled() && p.isNothingEnabled()
                && p.isTwelveEnabled() && o.isTickEnabled() && o.isTextEnabled();
    }

    /**
     * Reads every offset of every class: each of the provider's semaphores reads (true while
     * traced), and every other offset throws; nothing else happens.
     */
    private static void attackSemaphores(String provider, ProviderBinding binding) {
        Semaphores semaphores = binding.semaphores();
        List<Integer> probeOffsets = new ArrayList<>();
        for (int probe = 0; ; probe++) {
            try {
                probeOffsets.add(binding.offset(probe));
            } catch (IndexOutOfBoundsException e) {
                break;
            }
        }
        TreeSet<Integer> offsets = new TreeSet<>();
        for (int offset = -70_000; offset <= 70_000; offset++) {
            offsets.add(offset);
        }
        for (int bit = 0; bit < 32; bit++) {
            for (int delta = -3; delta <= 3; delta++) {
                offsets.add((1 << bit) + delta);
                offsets.add(-(1 << bit) + delta);
            }
        }
        Collections.addAll(offsets, Integer.MIN_VALUE, Integer.MIN_VALUE + 1, Integer.MAX_VALUE, Integer.MAX_VALUE - 1);
        List<Integer> readable = new ArrayList<>();
        int active = 0;
        int threw = 0;
        int other = 0;
        for (int offset : offsets) {
            try {
                if (semaphores.isActive(offset)) {
                    active++;
                }
                readable.add(offset);
            } catch (IndexOutOfBoundsException e) {
                threw++;
            } catch (RuntimeException | Error e) {
                other++;
            }
        }
        System.out.println("attack semaphores " + provider + ": probes=" + probeOffsets + " readable=" + readable
                + " active=" + active + " outOfBounds=" + threw + " other=" + other);
    }

    private static void attackBinding(String provider, ProviderBinding binding, Object instance, Object otherInstance) {
        List<String> outcomes = new ArrayList<>();
        for (int probe : new int[] {-1, Integer.MIN_VALUE, Integer.MAX_VALUE, 1 << 16}) {
            outcomes.add("offset(" + probe + ") " + outcome(() -> binding.offset(probe)));
        }
        outcomes.add("publish(null) " + outcome(() -> binding.publish(null)));
        outcomes.add("publish(Object) " + outcome(() -> binding.publish(new Object())));
        outcomes.add("publish(INSTANCE) " + outcome(() -> binding.publish(instance)));
        outcomes.add("publish(other provider) " + outcome(() -> binding.publish(otherInstance)));
        outcomes.add("publish(Long) " + outcome(() -> binding.publish(Long.valueOf(0))));
        System.out.println("attack binding " + provider + ": " + String.join("; ", outcomes));
    }

    /**
     * The provider's native memory for strings, misused: slots it does not have, a lease used by
     * another thread, given back twice, written after it was given back, and sequences that lie.
     * Every misuse throws, and each lease is given back.
     */
    private static void attackStrings(String provider, ProviderBinding binding, int slots) throws Exception {
        io.usdt4j.internal.StringScratch strings = binding.strings();
        List<String> outcomes = new ArrayList<>();
        io.usdt4j.internal.StringScratch.Lease lease = strings.acquire();
        for (int slot : new int[] {-1, slots, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            outcomes.add("slot " + slot + " " + outcome(() -> lease.string("x", slot)));
        }
        outcomes.add("1 MiB " + outcome(() -> lease.charSequence(new StringBuilder(HostileValues.LONG_STRING), slots - 1) != 0));
        outcomes.add("longer than it is " + outcome(() -> lease.charSequence(new HostileValues.Lying(Integer.MAX_VALUE, "abc"), 0)));
        outcomes.add("shorter than nothing " + outcome(() -> lease.charSequence(new HostileValues.Lying(-1, "abc"), 0) != 0));
        outcomes.add("enum that lies " + outcome(() -> lease.enumName(HostileValues.Letter.A, 0) != 0));
        String[] otherThread = new String[2];
        Thread other = new Thread(() -> {
            otherThread[0] = outcome(() -> lease.string("x", 0));
            otherThread[1] = outcome(() -> {
                lease.release();
                return null;
            });
        });
        other.start();
        other.join();
        outcomes.add("another thread writes " + otherThread[0]);
        outcomes.add("another thread gives back " + otherThread[1]);
        lease.release();
        outcomes.add("given back twice " + outcome(() -> {
            lease.release();
            return null;
        }));
        outcomes.add("written after " + outcome(() -> lease.string("x", 0)));
        outcomes.add("in use " + strings.buffersInUse());
        System.out.println("attack strings " + provider + ": " + String.join("; ", outcomes));
    }

    /** Each crafted natives, loaded as a provider whose library exists: what load gave, and what reading it did. */
    private static void attackNatives() throws Exception {
        for (Map.Entry<String, Supplier<CraftedNatives>> crafted : craftedNatives().entrySet()) {
            CraftedNatives natives = crafted.getValue().get();
            String result;
            try {
                ProviderBinding binding = ProviderBinding.load(natives, "usdt4j_it", 2, 255, 3);
                result = binding.unavailableReason().map(reason -> "inert: " + reason).orElse("loaded");
                natives.afterLoad();
                result += "; reads " + outcome(() -> binding.semaphores().isActive(binding.offset(0))) + ", "
                        + outcome(() -> binding.semaphores().isActive(binding.offset(1)));
            } catch (Throwable e) {
                result = "threw " + e;
            }
            System.out.println("attack natives " + crafted.getKey() + ": " + result);
        }
    }

    /**
     * A provider loaded by a class loader that then becomes unreachable: its library is unloaded,
     * unless someone still holds its semaphores, which must keep it mapped. A second loader,
     * whose semaphores nobody holds, shows when the first would have been unloaded.
     */
    private static void attackUnloadedLoader() throws Exception {
        Path[] heldLibrary = new Path[1];
        String whileHeld = holdAndRead(heldLibrary);
        boolean releasedUnloaded = awaitUnmapped(heldLibrary[0]);
        System.out.println("attack unloaded loader: " + whileHeld + " released unloaded=" + releasedUnloaded);
    }

    /** Holds one isolated provider's semaphores, and only them, for as long as this frame lives. */
    private static String holdAndRead(Path[] heldLibrary) throws Exception {
        Isolated held = Isolated.load();
        heldLibrary[0] = held.library;
        boolean controlUnloaded = awaitUnmapped(Isolated.load().library);
        boolean heldMapped = mapped(held.library);
        String read = outcome(() -> held.semaphores.isActive(held.offset));
        return "control unloaded=" + controlUnloaded + " held mapped=" + heldMapped + " held read " + read;
    }

    /** {@link OpsProbes} and its generated class, loaded by a class loader of their own. */
    private static final class Isolated {
        Path library;
        Semaphores semaphores;
        int offset;

        static Isolated load() throws Exception {
            Path classes = location(OpsProbes.class);
            URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                    HostileCallsApp.class.getClassLoader()) {
                @Override
                protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                    if (!name.startsWith(OpsProbes.class.getName())) {
                        return super.loadClass(name, resolve);
                    }
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> loaded = findLoadedClass(name);
                        return loaded != null ? loaded : findClass(name);
                    }
                }
            };
            Class<?> probes = Class.forName(OpsProbes.class.getName(), false, loader);
            require(probes != OpsProbes.class, "isolated");
            Usdt.provider(probes);
            ProviderBinding binding = ProviderBinding.of(Class.forName(OpsProbes.class.getName() + "Usdt", false, loader))
                    .orElseThrow();
            Isolated isolated = new Isolated();
            isolated.library = binding.library().orElseThrow(() -> new AssertionError(binding.unavailableReason()));
            isolated.semaphores = binding.semaphores();
            isolated.offset = binding.offset(0);
            loader.close();
            require(mapped(isolated.library), isolated.library + " mapped");
            return isolated;
        }
    }

    /** Bounded: a library whose class loader is gone is unloaded after a collection or two. */
    private static boolean awaitUnmapped(Path library) throws Exception {
        for (int attempt = 0; attempt < 200; attempt++) {
            System.gc();
            Thread.sleep(25);
            if (!mapped(library)) {
                return true;
            }
        }
        return false;
    }

    private static boolean mapped(Path library) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"), StandardCharsets.UTF_8)) {
            if (line.endsWith(" " + library)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- crafted natives

    /** A {@link ProviderNatives} as an attacker writes one: its library loads, its memory is whatever it likes. */
    static class CraftedNatives extends ProviderNatives {
        final Supplier<ByteBuffer> memory;
        final int[] offsets;
        final int bound;
        int[] filled;

        CraftedNatives(Supplier<ByteBuffer> memory, int[] offsets, int bound) {
            this.memory = memory;
            this.offsets = offsets;
            this.bound = bound;
        }

        @Override
        protected void loadLibrary(String path) {
            // loads nothing: the memory is the attacker's own
        }

        @Override
        protected ByteBuffer semaphores(int[] offsets) {
            System.arraycopy(this.offsets, 0, offsets, 0, Math.min(offsets.length, this.offsets.length));
            filled = offsets;
            return memory.get();
        }

        @Override
        protected int bindProbes(int nopSize) {
            return bound;
        }

        /** A lie, which the runtime refuses: asked only where it writes strings through a ByteBuffer. */
        @Override
        protected long address(ByteBuffer buffer) {
            return -1;
        }

        /** What the attacker does once the binding exists: free or shrink the memory, rewrite the offsets. */
        void afterLoad() throws Exception {}
    }

    private static Map<String, Supplier<CraftedNatives>> craftedNatives() {
        Map<String, Supplier<CraftedNatives>> crafted = new LinkedHashMap<>();
        int[] valid = {0, 2};
        crafted.put("own direct memory", () -> new CraftedNatives(() -> ByteBuffer.allocateDirect(4), valid, 1));
        crafted.put("null memory", () -> new CraftedNatives(() -> null, valid, 1));
        crafted.put("heap buffer", () -> new CraftedNatives(() -> ByteBuffer.allocate(4), valid, 1));
        crafted.put("empty direct buffer", () -> new CraftedNatives(() -> ByteBuffer.allocateDirect(0), valid, 1));
        crafted.put("one-byte direct buffer", () -> new CraftedNatives(() -> ByteBuffer.allocateDirect(1), new int[] {0, 0}, 1));
        crafted.put("unaligned direct buffer",
                () -> new CraftedNatives(() -> ByteBuffer.allocateDirect(5).position(1).slice(), valid, 1));
        crafted.put("read-only direct buffer",
                () -> new CraftedNatives(() -> ByteBuffer.allocateDirect(4).asReadOnlyBuffer(), valid, 1));
        crafted.put("offset past the end", () -> new CraftedNatives(() -> ByteBuffer.allocateDirect(4), new int[] {0, 4}, 1));
        crafted.put("offset far past the end",
                () -> new CraftedNatives(() -> ByteBuffer.allocateDirect(4), new int[] {0, Integer.MAX_VALUE - 1}, 1));
        crafted.put("negative offset", () -> new CraftedNatives(() -> ByteBuffer.allocateDirect(4), new int[] {0, -2}, 1));
        crafted.put("minimum offset",
                () -> new CraftedNatives(() -> ByteBuffer.allocateDirect(4), new int[] {0, Integer.MIN_VALUE}, 1));
        crafted.put("odd offset", () -> new CraftedNatives(() -> ByteBuffer.allocateDirect(4), new int[] {0, 1}, 1));
        crafted.put("bindProbes fails", () -> new CraftedNatives(() -> ByteBuffer.allocateDirect(4), valid, 0));
        crafted.put("bindProbes lies", () -> new CraftedNatives(() -> ByteBuffer.allocateDirect(4), valid, -1));
        crafted.put("offsets rewritten after load", () -> new CraftedNatives(() -> ByteBuffer.allocateDirect(4), valid, 1) {
            @Override
            void afterLoad() {
                filled[0] = 1 << 30;
                filled[1] = -1;
            }
        });
        crafted.put("semaphores throws", () -> new CraftedNatives(() -> {
            throw new IllegalStateException("crafted");
        }, valid, 1));
        crafted.put("loadLibrary throws", () -> new CraftedNatives(() -> ByteBuffer.allocateDirect(4), valid, 1) {
            @Override
            protected void loadLibrary(String path) {
                throw new UnsatisfiedLinkError("crafted");
            }
        });
        crafted.put("loadLibrary loads /dev/null", () -> new CraftedNatives(() -> ByteBuffer.allocateDirect(4), valid, 1) {
            @Override
            protected void loadLibrary(String path) {
                System.load("/dev/null");
            }
        });
        crafted.put("file mapping truncated after load", HostileCallsApp::truncatedMapping);
        crafted.put("memory segment freed after load", HostileCallsApp::freedSegment);
        return crafted;
    }

    /** The crafted natives that cost nothing to make, one each, as arguments of the calls. */
    static List<CraftedNatives> craftedNativesForCalls() {
        List<CraftedNatives> natives = new ArrayList<>();
        for (Map.Entry<String, Supplier<CraftedNatives>> crafted : craftedNatives().entrySet()) {
            if (!crafted.getKey().endsWith("after load") || crafted.getKey().startsWith("offsets")) {
                natives.add(crafted.getValue().get());
            }
        }
        return natives;
    }

    /** A mapped file, cut short once bound: reading a page past the end of a file faults (SIGBUS). */
    private static CraftedNatives truncatedMapping() {
        try {
            Path file = Files.createTempFile("usdt4j-hostile", ".bin");
            Files.write(file, new byte[8192]);
            ByteBuffer mapped;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, 8192);
            }
            return new CraftedNatives(() -> mapped, new int[] {0, 4096}, 1) {
                @Override
                void afterLoad() throws IOException {
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        channel.truncate(0);
                    }
                    Files.delete(file);
                }
            };
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A view of native memory that the attacker frees once bound (1 MiB, so that freeing unmaps
     * it): java.lang.foreign on JDK 22+, jdk.incubator.foreign on JDK 17 (when the JVM adds that
     * module). Through reflection, as this class is compiled for Java 17.
     */
    private static CraftedNatives freedSegment() {
        try {
            Object scope;
            Object segment;
            if (Runtime.version().feature() >= 22) {
                Class<?> arena = Class.forName("java.lang.foreign.Arena");
                scope = arena.getMethod("ofShared").invoke(null);
                segment = Class.forName("java.lang.foreign.SegmentAllocator").getMethod("allocate", long.class)
                        .invoke(scope, 1L << 20);
            } else {
                Class<?> resourceScope = Class.forName("jdk.incubator.foreign.ResourceScope");
                scope = resourceScope.getMethod("newSharedScope").invoke(null);
                segment = Class.forName("jdk.incubator.foreign.MemorySegment")
                        .getMethod("allocateNative", long.class, resourceScope).invoke(null, 1L << 20, scope);
            }
            String api = Runtime.version().feature() >= 22 ? "java.lang.foreign." : "jdk.incubator.foreign.";
            ByteBuffer view = (ByteBuffer) Class.forName(api + "MemorySegment").getMethod("asByteBuffer").invoke(segment);
            Method close = Class.forName(api + (Runtime.version().feature() >= 22 ? "Arena" : "ResourceScope"))
                    .getMethod("close");
            return new CraftedNatives(() -> view, new int[] {0, 4096}, 1) {
                @Override
                void afterLoad() throws ReflectiveOperationException {
                    close.invoke(scope);
                }
            };
        } catch (ReflectiveOperationException | RuntimeException e) {
            // No foreign memory API of a known shape in this JVM: the own-memory case instead.
            System.out.println("no foreign memory API: " + e);
            return new CraftedNatives(() -> ByteBuffer.allocateDirect(4), new int[] {0, 2}, 1);
        }
    }

    // ---------------------------------------------------------------- every public member

    private static List<Class<?>> runtimeClasses() throws Exception {
        Path location = location(ProviderBinding.class);
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                files.map(file -> location.relativize(file).toString()).forEach(names::add);
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                for (JarEntry entry : Collections.list(jar.entries())) {
                    names.add(entry.getName());
                }
            }
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String name : names) {
            if (!name.endsWith(".class") || name.endsWith("module-info.class") || name.endsWith("package-info.class")) {
                continue;
            }
            Class<?> type;
            try {
                type = Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'),
                        false, HostileCallsApp.class.getClassLoader());
            } catch (UnsupportedClassVersionError e) {
                continue; // compiled for a later Java (SegmentSemaphores, Java 22): package-private, and not for this JVM
            }
            if (isPublic(type)) {
                classes.add(type);
            }
        }
        classes.sort(Comparator.comparing(Class::getName));
        System.out.println("runtime classes " + classes.stream().map(Class::getName).toList());
        return classes;
    }

    private static boolean isPublic(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
            if (!Modifier.isPublic(c.getModifiers())) {
                return false;
            }
        }
        return !type.isAnonymousClass() && !type.isLocalClass();
    }

    private static List<Executable> publicMembers(Class<?> type) {
        List<Executable> members = new ArrayList<>();
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            members.add(constructor);
        }
        Collections.addAll(members, type.getDeclaredMethods());
        members.removeIf(member -> member.isSynthetic() || (member instanceof Method && ((Method) member).isBridge())
                || !(Modifier.isPublic(member.getModifiers()) || Modifier.isProtected(member.getModifiers())));
        members.sort(Comparator.comparing(Executable::toString));
        return members;
    }

    private static boolean isStatic(Executable member) {
        return member instanceof Constructor || Modifier.isStatic(member.getModifiers());
    }

    /** Calls {@code member} with every combination of hostile arguments (or an even sample); returns how many calls. */
    private static int callWithHostileArguments(Executable member) {
        member.setAccessible(true); // protected members, as a subclass would call them
        boolean isStatic = isStatic(member);
        List<List<Object>> choices = new ArrayList<>();
        if (!isStatic) {
            List<Object> receivers = receivers(member.getDeclaringClass());
            if (receivers.isEmpty()) {
                return 0;
            }
            choices.add(receivers);
        }
        for (Class<?> parameter : member.getParameterTypes()) {
            choices.add(HostileValues.of(parameter, POOL));
        }
        long total = 1;
        for (List<Object> choice : choices) {
            total = Math.multiplyExact(total, choice.size());
        }
        int made = 0;
        long step = Math.max(1, total / MAX_COMBINATIONS);
        for (long combination = 0; combination < total; combination += step) {
            Object[] values = new Object[choices.size()];
            long rest = combination;
            for (int i = values.length - 1; i >= 0; i--) {
                values[i] = choices.get(i).get((int) (rest % choices.get(i).size()));
                rest /= choices.get(i).size();
            }
            call(member, isStatic, values);
            made++;
        }
        return made;
    }

    private static List<Object> receivers(Class<?> type) {
        List<Object> receivers = new ArrayList<>();
        Map<Object, Boolean> seen = new IdentityHashMap<>();
        for (Object candidate : POOL) {
            if (type.isInstance(candidate) && seen.put(candidate, true) == null && receivers.size() < 12) {
                receivers.add(candidate);
            }
        }
        return receivers;
    }

    private static void call(Executable member, boolean isStatic, Object[] values) {
        calls++;
        Object receiver = isStatic || values.length == 0 ? null : values[0];
        Object[] arguments = isStatic ? values : Arrays.copyOfRange(values, 1, values.length);
        try {
            Object result = member instanceof Constructor
                    ? ((Constructor<?>) member).newInstance(arguments)
                    : ((Method) member).invoke(receiver, arguments);
            count("returned");
            keep(result);
        } catch (InvocationTargetException e) {
            count("threw " + e.getCause().getClass().getName());
        } catch (InstantiationException e) {
            count("abstract class not instantiated");
        } catch (IllegalArgumentException | IllegalAccessException e) {
            if (MISMATCHES.size() < 20) {
                MISMATCHES.add(member + " " + Arrays.toString(arguments) + ": " + e);
            } else {
                MISMATCHES.add("...");
            }
        }
    }

    private static void keep(Object result) {
        Object value = result instanceof Optional ? ((Optional<?>) result).orElse(null) : result;
        if (value != null && POOL.size() < MAX_POOL && !(value instanceof String) && !(value instanceof Boolean)
                && !(value instanceof Number) && !(value instanceof byte[])) {
            POOL.add(value);
        }
    }

    private static void count(String outcome) {
        OUTCOMES.merge(outcome, 1, Integer::sum);
    }

    /** "returned X" or "threw T", for the attacks' report. */
    private static String outcome(ThrowingSupplier call) {
        try {
            return "returned " + call.get();
        } catch (Throwable e) {
            return "threw " + e.getClass().getName();
        }
    }

    private interface ThrowingSupplier {
        Object get() throws Exception;
    }

    static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError("expected: " + what);
        }
    }
}
