// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.agent.core;

import io.usdt4j.contract.Platform;
import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
import io.usdt4j.description.ArgumentDescription;
import io.usdt4j.description.BpftraceRenderer;
import io.usdt4j.description.DescriptionCodec;
import io.usdt4j.description.ProbeDescription;
import io.usdt4j.description.ProviderDescription;
import io.usdt4j.description.TracedProbe;
import io.usdt4j.description.TracerType;
import io.usdt4j.internal.ProviderBinding;
import io.usdt4j.writer.LibraryWriter;
import io.usdt4j.writer.ProviderLibrary;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.objectweb.asm.Type;

/**
 * Makes instrumented methods' probes: for a batch of methods, their probe names, a library written
 * by {@link LibraryWriter} with their description, and the class that binds it ({@link HolderClass}),
 * defined in the bootstrap class loader beside the agent's relocated runtime and initialized, which
 * loads the library as a generated provider loads its own. Thread-safe.
 */
final class Libraries {
    /** A method to make probes for: its class, what its class file says of it, and its class loader's types. */
    record Planned(String className, ClassScan.MethodFacts method, TypeInspector types) {}

    /** The most methods one library has: its description stays well within the format's bounds. */
    static final int MAX_METHODS = 256;

    private final MethodHandles.Lookup runtime;
    private final MethodHandle offer;
    private final Platform platform;
    private final int maxStringBytes;
    private final Set<String> probeNames = new HashSet<>();
    private int holders;

    Libraries() throws Throwable {
        runtime = MethodHandles.privateLookupIn(ProviderBinding.class, MethodHandles.lookup());
        Class<?> libraries = Class.forName(HolderClass.LIBRARIES.replace('/', '.'), true, ProviderBinding.class.getClassLoader());
        offer = runtime.findStatic(libraries, "offer", MethodType.methodType(void.class, String.class, byte[].class));
        platform = PlatformId.host().platform();
        Class<?> values = Class.forName(HolderClass.VALUES.replace('/', '.'), true, ProviderBinding.class.getClassLoader());
        maxStringBytes = (int) runtime.findStaticGetter(values, "MAX_STRING_BYTES", int.class).invoke();
    }

    /**
     * The probes of {@code methods}, in order, in libraries of at most {@link #MAX_METHODS} methods.
     *
     * @throws ProbesUnavailableException when a library cannot be written or loaded (the runtime
     *     warned once); no probe of that batch is used
     */
    synchronized List<MethodProbe> create(List<Planned> methods) throws ProbesUnavailableException {
        if (platform == null) {
            throw new ProbesUnavailableException(Platform.unsupported(PlatformId.host().id()));
        }
        List<MethodProbe> probes = new ArrayList<>(methods.size());
        for (int from = 0; from < methods.size(); from += MAX_METHODS) {
            probes.addAll(library(methods.subList(from, Math.min(methods.size(), from + MAX_METHODS))));
        }
        return probes;
    }

    private List<MethodProbe> library(List<Planned> methods) throws ProbesUnavailableException {
        String holder = HolderClass.name(++holders);
        List<MethodProbe> probes = new ArrayList<>(methods.size());
        Set<String> names = new HashSet<>();
        for (Planned planned : methods) {
            probes.add(probe(planned, holder, probes.size(), names));
        }
        String holderName = holder.replace('/', '.');
        List<ProbeDescription> described = new ArrayList<>();
        List<ProviderLibrary.Probe> libraryProbes = new ArrayList<>();
        for (MethodProbe probe : probes) {
            described.addAll(probe.describe());
            libraryProbes.add(new ProviderLibrary.Probe(probe.entryProbe(), probe.entryTypes()));
            libraryProbes.add(new ProviderLibrary.Probe(probe.returnProbe(), probe.returnTypes()));
        }
        ProviderDescription description = ProviderDescription.of(Names.PROVIDER, holderName, holderName, Optional.empty(),
                ResourceLayout.libraryPattern(Names.PROVIDER), valuesMaxStringBytes(), Optional.empty(), described);
        byte[] library = LibraryWriter.write(ProviderLibrary.of(Names.PROVIDER, holderName, libraryProbes,
                DescriptionCodec.write(description).getBytes(StandardCharsets.UTF_8)), platform);
        try {
            offer.invoke(holderName, library);
            Class<?> defined = runtime.defineClass(HolderClass.write(holder, probes, maxStringBytes));
            runtime.ensureInitialized(defined);
            ProviderBinding binding = ProviderBinding.of(defined)
                    .orElseThrow(() -> new ProbesUnavailableException("the probes' class bound no library"));
            if (binding.unavailableReason().isPresent()) {
                throw new ProbesUnavailableException(binding.unavailableReason().get());
            }
        } catch (ProbesUnavailableException e) {
            throw e;
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError error) {
                throw error;
            }
            throw new ProbesUnavailableException("the probes' class failed: " + e, e);
        }
        probeNames.addAll(names);
        return probes;
    }

    /** A method's probe: unique names, its arguments' names and kinds, its return value's kind. */
    private MethodProbe probe(Planned planned, String holder, int index, Set<String> batch) {
        ClassScan.MethodFacts method = planned.method();
        String[] names;
        int attempt = 1;
        do {
            names = Names.probes(planned.className(), method.name(), method.descriptor(), attempt++);
        } while (probeNames.contains(names[0]) || batch.contains(names[0]));
        batch.add(names[0]);
        batch.add(names[1]);
        Type[] parameters = Type.getArgumentTypes(method.descriptor());
        int count = Math.min(parameters.length, io.usdt4j.contract.Limits.MAX_ARGUMENTS);
        List<String> argumentNames = argumentNames(method.parameterNames(), count);
        List<MethodProbe.Argument> arguments = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            arguments.add(new MethodProbe.Argument(argumentNames.get(i), ArgumentKind.of(parameters[i], planned.types()), parameters[i]));
        }
        Type returned = Type.getReturnType(method.descriptor());
        return new MethodProbe(planned.className(), method.name(), method.descriptor(), names[0], names[1], holder, index,
                arguments, returned.getSort() == Type.VOID ? Optional.empty() : Optional.of(ArgumentKind.of(returned, planned.types())));
    }

    /**
     * The class file's names of the first {@code count} parameters where bpftrace takes each as it is
     * (the renderer's rule), else {@code argN}; all {@code argN} if two would be the same.
     */
    static List<String> argumentNames(List<String> declared, int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = i < declared.size() ? declared.get(i) : null;
            names.add(name != null && renderable(name) ? name : "arg" + i);
        }
        if (new HashSet<>(names).size() < names.size()) {
            for (int i = 0; i < count; i++) {
                names.set(i, "arg" + i);
            }
        }
        return names;
    }

    private static boolean renderable(String name) {
        try {
            BpftraceRenderer.requireRenderable(new TracedProbe(Names.PROVIDER, new ProbeDescription("p", "p",
                    List.of(new ArgumentDescription(0, name, "int", TracerType.INT32))), TracedProbe.ANY_LIBRARY));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The most bytes of UTF-8 a string argument passes ({@code AgentValues.MAX_STRING_BYTES}): the generated classes' {@code maxStringBytes}. */
    private int valuesMaxStringBytes() {
        return maxStringBytes;
    }
}
