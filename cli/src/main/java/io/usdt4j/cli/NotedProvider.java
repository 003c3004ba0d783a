// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.cli;

import io.usdt4j.contract.Limits;
import io.usdt4j.contract.UsdtNames;
import io.usdt4j.description.ArgumentDescription;
import io.usdt4j.description.BpftraceRenderer;
import io.usdt4j.description.ProbeDescription;
import io.usdt4j.description.ProviderDescription;
import io.usdt4j.description.TracedProbe;
import io.usdt4j.description.TracerType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A provider library's probes as its own {@code stapsdt} notes state them: the truth, since the
 * notes are what a tracer attaches to. One provider (valid by {@link UsdtNames}), each probe
 * (valid too) with the {@linkplain TracerType#usdtSize() USDT sizes} of its arguments, every
 * note of one probe (x86-64 has two sites per probe) stating the same.
 *
 * <p>{@link #disagreement} is the one definition of a description that agrees with its library,
 * and so may name its probes' arguments; {@link #probesFromNotes} are the probes of a library
 * whose description cannot be used.
 *
 * @param probes each probe's argument sizes, by name, in the order of the notes
 */
record NotedProvider(String provider, Map<String, List<Integer>> probes) {
    /** The prefix of an argument's name from the notes alone: {@code arg0}, as bpftrace calls it. */
    static final String ARGUMENT = "arg";

    NotedProvider {
        probes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(probes));
    }

    /**
     * The provider the notes state.
     *
     * @throws MalformedLibraryException if there is none, or they name two providers, a name
     *     outside the grammar, more than {@link Limits#MAX_ARGUMENTS} arguments or a size that is
     *     not 1, 2, 4 or 8, or two notes of one probe disagree
     */
    static NotedProvider of(List<Elf.Note> notes) throws MalformedLibraryException {
        if (notes.isEmpty()) {
            throw new MalformedLibraryException("it has no stapsdt notes");
        }
        String provider = notes.get(0).provider();
        if (!UsdtNames.isValid(provider)) {
            throw new MalformedLibraryException("its notes name a provider that is not a valid provider name");
        }
        Map<String, List<Integer>> probes = new LinkedHashMap<>();
        for (Elf.Note note : notes) {
            if (!note.provider().equals(provider)) {
                throw new MalformedLibraryException("its notes name two providers");
            }
            if (!UsdtNames.isValid(note.name())) {
                throw new MalformedLibraryException("a note of provider " + provider + " names a probe that is not a valid probe name");
            }
            List<Integer> sizes = sizes(note.arguments(), provider + ":" + note.name());
            if (probes.size() >= Limits.MAX_PROBES && !probes.containsKey(note.name())) {
                throw new MalformedLibraryException("its notes name more than the " + Limits.MAX_PROBES + " probes a provider may have");
            }
            List<Integer> earlier = probes.putIfAbsent(note.name(), sizes);
            if (earlier != null && !earlier.equals(sizes)) {
                throw new MalformedLibraryException("two notes of probe " + provider + ":" + note.name() + " state different arguments");
            }
        }
        return new NotedProvider(provider, probes);
    }

    /** The sizes of a note's arguments, {@code -8@%rdx 1@%cl}: each {@code [-]SIZE@LOCATION}. */
    private static List<Integer> sizes(String arguments, String probe) throws MalformedLibraryException {
        List<Integer> sizes = new ArrayList<>();
        String spec = arguments.strip();
        if (spec.isEmpty()) {
            return sizes;
        }
        for (String argument : spec.split(" +")) {
            if (sizes.size() == Limits.MAX_ARGUMENTS) {
                throw new MalformedLibraryException("a note of probe " + probe + " states more than the "
                        + Limits.MAX_ARGUMENTS + " arguments a probe may have");
            }
            int at = argument.indexOf('@');
            Optional<TracerType> type = at < 1 || at > 2 ? Optional.empty() : switch (argument.substring(0, at)) {
                case "1", "-1", "2", "-2", "4", "-4", "8", "-8" -> TracerType.ofNoteSize(Integer.parseInt(argument.substring(0, at)));
                default -> Optional.empty();
            };
            if (type.isEmpty()) {
                throw new MalformedLibraryException("a note of probe " + probe + " states argument " + sizes.size()
                        + " without a size of 1, 2, 4 or 8 bytes");
            }
            sizes.add(type.get().usdtSize());
        }
        return sizes;
    }

    /**
     * Why {@code description} cannot name this library's probes, or empty when it may: the one
     * definition of a description that agrees with its library. It agrees when every name of it
     * may reach a bpftrace program ({@link BpftraceRenderer#requireRenderable}), every Java type
     * it names is a qualified Java name, and it states the notes' provider, exactly the notes'
     * probes, and for each the notes' number of arguments, each of the size and sign of its
     * {@link TracerType#usdtSize()}. The reason is one line that quotes only names the notes state.
     */
    Optional<String> disagreement(ProviderDescription description) {
        if (!description.provider().equals(provider)) {
            return Optional.of("its description is of another provider than its notes");
        }
        for (ProbeDescription probe : description.probes()) {
            try {
                BpftraceRenderer.requireRenderable(new TracedProbe(provider, probe, TracedProbe.ANY_LIBRARY));
            } catch (IllegalArgumentException e) {
                return Optional.of("its description names what bpftrace cannot take: " + e.getMessage());
            }
            List<Integer> sizes = probes.get(probe.name());
            if (sizes == null) {
                return Optional.of("its description has a probe its notes do not have");
            }
            String name = provider + ":" + probe.name();
            if (sizes.size() != probe.arguments().size()) {
                return Optional.of("its description gives " + name + " " + probe.arguments().size() + " arguments, its notes "
                        + sizes.size());
            }
            for (ArgumentDescription argument : probe.arguments()) {
                if (!qualifiedName(argument.javaType())) {
                    return Optional.of("its description gives argument " + argument.index() + " of " + name
                            + " a Java type that is not a qualified Java name");
                }
                int noted = sizes.get(argument.index());
                if (argument.tracerType().usdtSize() != noted) {
                    return Optional.of("its description gives argument " + argument.index() + " of " + name + " size "
                            + argument.tracerType().usdtSize() + ", its notes " + noted);
                }
            }
        }
        if (description.probes().size() != probes.size()) {
            return Optional.of("its notes have " + (probes.size() - description.probes().size())
                    + " probes more than its description");
        }
        return Optional.empty();
    }

    /**
     * The probes as the notes alone give them, for a library without a description that agrees:
     * arguments {@code arg0}..{@code argN}, each the integer type of its size ({@link TracerType#ofNoteSize}),
     * whose Java type is that type's name ({@code int64}).
     */
    List<ProbeDescription> probesFromNotes() {
        List<ProbeDescription> list = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> probe : probes.entrySet()) {
            List<ArgumentDescription> arguments = new ArrayList<>();
            for (int i = 0; i < probe.getValue().size(); i++) {
                TracerType type = TracerType.ofNoteSize(probe.getValue().get(i)).orElseThrow();
                arguments.add(new ArgumentDescription(i, ARGUMENT + i, type.wireName(), type));
            }
            list.add(new ProbeDescription(probe.getKey(), probe.getKey(), arguments));
        }
        return list;
    }

    /**
     * {@code long}, {@code java.lang.String}, {@code com.example.Outer.Phase}: Java identifiers
     * joined by dots, or such an array type ({@code int[]}, which an instrumented method's
     * argument may be).
     */
    private static boolean qualifiedName(String name) {
        while (name.endsWith("[]")) {
            name = name.substring(0, name.length() - 2);
        }
        for (String part : name.split("\\.", -1)) {
            if (!BpftraceRenderer.isJavaIdentifier(part)) {
                return false;
            }
        }
        return true;
    }
}
