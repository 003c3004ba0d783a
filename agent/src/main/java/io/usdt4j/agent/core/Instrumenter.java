// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.agent.core;

import io.usdt4j.contract.Limits;
import io.usdt4j.internal.ProviderBinding;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.objectweb.asm.Opcodes;

/**
 * The agent's one transformer: it adds to each class the probes of the methods that the sessions
 * select, whether the class is loaded later or retransformed now, and nothing to a class no session
 * selects a method of, which restoring a session's classes leaves as they were. A method keeps its
 * probes for the life of the JVM (a library cannot be unloaded): a later session that selects it
 * again uses them. Whatever fails leaves the class as it was, with a notice.
 */
final class Instrumenter implements ClassFileTransformer {
    private final Instrumentation instrumentation;
    private final Libraries libraries;
    private final ClassLoader own = Instrumenter.class.getClassLoader();
    private final Module holders = ProviderBinding.class.getModule();
    /** The modules of the JDK's own image, whose classes are never instrumented. */
    private final Set<String> jdkModules = ModuleFinder.ofSystem().findAll().stream()
            .map(ModuleReference::descriptor).map(d -> d.name()).collect(Collectors.toUnmodifiableSet());
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    /** Each class loader's instrumented methods' probes, by class (internal name), then by method ({@link Weaver#key}). */
    private final Map<ClassLoader, Map<String, Map<String, MethodProbe>>> probes = new WeakHashMap<>();
    /** Where the notices of the -javaagent session go. */
    private final Consumer<String> permanentNotices;

    Instrumenter(Instrumentation instrumentation, Libraries libraries, Consumer<String> permanentNotices) {
        this.instrumentation = instrumentation;
        this.libraries = libraries;
        this.permanentNotices = permanentNotices;
    }

    void add(Session session) {
        sessions.add(session);
    }

    void remove(Session session) {
        sessions.remove(session);
    }

    Session session(String id) {
        for (Session session : sessions) {
            if (session.id().equals(id)) {
                return session;
            }
        }
        return null;
    }

    /** Whether a class of this loader and module is the JDK's own (or the agent's), which is never instrumented. */
    boolean isJdk(Module module, ClassLoader loader) {
        return loader == null || loader == ClassLoader.getPlatformClassLoader()
                || (module != null && module.isNamed() && module.getLayer() == ModuleLayer.boot()
                        && jdkModules.contains(module.getName()));
    }

    boolean isOwn(ClassLoader loader) {
        return loader == own;
    }

    /**
     * Whether this thread is in {@link #transform} already: what the transformer itself loads (the
     * JDK's classes its code needs) is never transformed, and never meets the transformer's code
     * while that code waits for it.
     */
    private final ThreadLocal<Boolean> transforming = new ThreadLocal<>();

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
            ProtectionDomain domain, byte[] classFile) {
        // The JDK's own loaders first, before any other work: a class the JDK loads for this very code must not need it.
        if (className == null || loader == null || loader == ClassLoader.getPlatformClassLoader() || sessions.isEmpty()
                || isOwn(loader) || transforming.get() != null) {
            return null;
        }
        transforming.set(Boolean.TRUE);
        try {
            return select(module, loader, className, classFile);
        } finally {
            transforming.remove();
        }
    }

    private byte[] select(Module module, ClassLoader loader, String className, byte[] classFile) {
        String binaryName = className.replace('/', '.');
        List<Session> selecting = new ArrayList<>();
        for (Session session : sessions) {
            if (session.selector().matchesClass(binaryName) && !session.excludes(binaryName)) {
                selecting.add(session);
            }
        }
        if (selecting.isEmpty()) {
            return null;
        }
        if (isJdk(module, loader)) {
            selecting.forEach(s -> notice(s, binaryName + " is a class of the JDK: not instrumented"));
            return null;
        }
        try {
            return instrument(module, loader, className, binaryName, classFile, selecting);
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError error) {
                throw error;
            }
            selecting.forEach(s -> notice(s, binaryName + " could not be instrumented, and runs as it was: " + e));
            return null;
        }
    }

    private byte[] instrument(Module module, ClassLoader loader, String className, String binaryName, byte[] classFile,
            List<Session> selecting) throws ProbesUnavailableException {
        ClassScan.ClassFacts facts = ClassScan.scan(classFile);
        if ((facts.access() & (Opcodes.ACC_MODULE | Opcodes.ACC_ANNOTATION)) != 0) {
            return null;
        }
        Map<String, ClassScan.MethodFacts> selected = new LinkedHashMap<>();
        Map<String, List<Session>> by = new HashMap<>();
        for (ClassScan.MethodFacts method : facts.methods()) {
            List<Session> wanting = selecting.stream().filter(s -> s.selector().matches(binaryName, method.name())).toList();
            if (wanting.isEmpty() || !instrumentable(binaryName, method, wanting)) {
                continue;
            }
            selected.put(Weaver.key(method.name(), method.descriptor()), method);
            by.put(Weaver.key(method.name(), method.descriptor()), wanting);
        }
        if (selected.isEmpty()) {
            return null;
        }
        Map<String, MethodProbe> ready = probes(loader, className, binaryName, selected);
        if (module != null && module.isNamed() && !module.canRead(holders)) {
            instrumentation.redefineModule(module, Set.of(holders), Map.of(), Map.of(), Set.of(), Map.of());
        }
        byte[] woven = Weaver.weave(classFile, ready, selected);
        for (Map.Entry<String, ClassScan.MethodFacts> method : selected.entrySet()) {
            for (Session session : by.get(method.getKey())) {
                session.instrumented(binaryName, method.getValue().name(), method.getValue().descriptor());
            }
        }
        return woven;
    }

    /** Whether the agent instruments {@code method}: notices for those it does not. */
    private boolean instrumentable(String binaryName, ClassScan.MethodFacts method, List<Session> wanting) {
        String name = binaryName + "#" + method.name();
        String reason = null;
        if (method.name().equals(Names.STATIC_INITIALIZER) || (method.access() & Opcodes.ACC_BRIDGE) != 0) {
            return false; // not a method anyone calls, or one that only forwards to the method it bridges
        } else if ((method.access() & Opcodes.ACC_ABSTRACT) != 0) {
            reason = "is abstract: it has no code to instrument";
        } else if ((method.access() & Opcodes.ACC_NATIVE) != 0) {
            reason = "is native: it has no bytecode to instrument";
        } else if (method.subroutines()) {
            reason = "uses subroutines (jsr, a class file older than Java 6): not instrumented";
        } else if (method.isConstructor() && method.constructorCalls() != 1) {
            reason = "calls its super constructor in " + (method.constructorCalls() == 0 ? "no" : "more than one")
                    + " place the agent can tell: not instrumented";
        }
        if (reason != null) {
            String notice = name + " " + reason;
            wanting.forEach(s -> notice(s, notice));
            return false;
        }
        int parameters = org.objectweb.asm.Type.getArgumentTypes(method.descriptor()).length;
        if (parameters > Limits.MAX_ARGUMENTS) {
            String notice = name + " has " + parameters + " parameters: its entry probe passes the first " + Limits.MAX_ARGUMENTS;
            wanting.forEach(s -> notice(s, notice));
        }
        return true;
    }

    /** The probes of {@code selected}, made for those that have none yet, in one library. */
    private Map<String, MethodProbe> probes(ClassLoader loader, String className, String binaryName,
            Map<String, ClassScan.MethodFacts> selected) throws ProbesUnavailableException {
        Map<String, MethodProbe> known;
        synchronized (probes) {
            known = new HashMap<>(probes.computeIfAbsent(loader, l -> new HashMap<>()).getOrDefault(className, Map.of()));
        }
        List<Libraries.Planned> missing = new ArrayList<>();
        TypeInspector types = new TypeInspector(loader);
        for (ClassScan.MethodFacts method : selected.values()) {
            if (!known.containsKey(Weaver.key(method.name(), method.descriptor()))) {
                missing.add(new Libraries.Planned(binaryName, method, types));
            }
        }
        if (!missing.isEmpty()) {
            register(loader, libraries.create(missing));
            synchronized (probes) {
                known = new HashMap<>(probes.get(loader).getOrDefault(className, Map.of()));
            }
        }
        known.keySet().retainAll(selected.keySet());
        return known;
    }

    private void register(ClassLoader loader, List<MethodProbe> made) {
        synchronized (probes) {
            Map<String, Map<String, MethodProbe>> classes = probes.computeIfAbsent(loader, l -> new HashMap<>());
            for (MethodProbe probe : made) {
                classes.computeIfAbsent(probe.className().replace('.', '/'), c -> new HashMap<>())
                        .putIfAbsent(Weaver.key(probe.methodName(), probe.descriptor()), probe);
            }
        }
    }

    /**
     * Makes, in as few libraries as it can, the probes of every method that {@code session} selects
     * in {@code classes}, loaded classes whose files their loaders still have; the transformer makes
     * the others' (a class whose file is not there, one that another agent changed) as it meets them.
     */
    void prepare(Session session, List<Class<?>> classes) {
        List<Libraries.Planned> planned = new ArrayList<>();
        Map<ClassLoader, TypeInspector> types = new HashMap<>();
        Map<Libraries.Planned, ClassLoader> loaders = new HashMap<>();
        for (Class<?> type : classes) {
            byte[] classFile = classFile(type);
            if (classFile == null) {
                continue;
            }
            ClassLoader loader = type.getClassLoader();
            String internalName = type.getName().replace('.', '/');
            Map<String, MethodProbe> known;
            synchronized (probes) {
                known = probes.computeIfAbsent(loader, l -> new HashMap<>()).getOrDefault(internalName, Map.of());
            }
            for (ClassScan.MethodFacts method : ClassScan.scan(classFile).methods()) {
                if (session.selector().matches(type.getName(), method.name()) && !known.containsKey(Weaver.key(method.name(), method.descriptor()))
                        && quietlyInstrumentable(method)) {
                    Libraries.Planned plan = new Libraries.Planned(type.getName(), method,
                            types.computeIfAbsent(loader, TypeInspector::new));
                    planned.add(plan);
                    loaders.put(plan, loader);
                }
            }
        }
        if (planned.isEmpty()) {
            return;
        }
        try {
            List<MethodProbe> made = libraries.create(planned);
            for (int i = 0; i < made.size(); i++) {
                register(loaders.get(planned.get(i)), List.of(made.get(i)));
            }
        } catch (ProbesUnavailableException e) {
            // the transformer meets each class again, and says what failed there
        }
    }

    private static boolean quietlyInstrumentable(ClassScan.MethodFacts method) {
        return !method.name().equals(Names.STATIC_INITIALIZER)
                && (method.access() & (Opcodes.ACC_BRIDGE | Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0
                && !method.subroutines() && (!method.isConstructor() || method.constructorCalls() == 1);
    }

    /** The class file a loaded class was defined from, as its loader still has it, or null. */
    private static byte[] classFile(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        String resource = type.getName().replace('.', '/') + ".class";
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource) : loader.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A notice of {@code session}, once; the -javaagent session's is printed at once. */
    void notice(Session session, String notice) {
        if (session.notice(notice) && session.permanent()) {
            permanentNotices.accept(notice);
        }
    }
}
