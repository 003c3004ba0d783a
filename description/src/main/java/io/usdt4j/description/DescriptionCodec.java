// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.description;

import io.usdt4j.contract.Limits;
import static io.usdt4j.description.DescriptionFormat.ARGUMENTS;
import static io.usdt4j.description.DescriptionFormat.CLASS;
import static io.usdt4j.description.DescriptionFormat.DESCRIPTOR;
import static io.usdt4j.description.DescriptionFormat.EVENT;
import static io.usdt4j.description.DescriptionFormat.FORMAT;
import static io.usdt4j.description.DescriptionFormat.INDEX;
import static io.usdt4j.description.DescriptionFormat.INTERFACE;
import static io.usdt4j.description.DescriptionFormat.JAVA_CLASS;
import static io.usdt4j.description.DescriptionFormat.JAVA_TYPE;
import static io.usdt4j.description.DescriptionFormat.JFR_SETTINGS;
import static io.usdt4j.description.DescriptionFormat.LIBRARY;
import static io.usdt4j.description.DescriptionFormat.MAX_STRING_BYTES;
import static io.usdt4j.description.DescriptionFormat.METHOD;
import static io.usdt4j.description.DescriptionFormat.NAME;
import static io.usdt4j.description.DescriptionFormat.PASSES;
import static io.usdt4j.description.DescriptionFormat.PASSES_CLASS_NAME;
import static io.usdt4j.description.DescriptionFormat.PROBES;
import static io.usdt4j.description.DescriptionFormat.PROVIDER;
import static io.usdt4j.description.DescriptionFormat.SOURCE;
import static io.usdt4j.description.DescriptionFormat.TRACER_SEES;
import static io.usdt4j.description.DescriptionFormat.USDT_SIZE;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes a {@link ProviderDescription} as {@link DescriptionFormat}'s JSON, and reads it back. The
 * one codec of the description: the processor writes with it, the Maven plugin and the
 * {@code usdt4j} command read with it.
 *
 * <p>{@link #write} puts one member a line at the top and one probe and one argument a line below,
 * for people and diffs. {@link #read} takes a document anyone may have forged (the command reads it
 * from other users' processes): it is bounded in length, nesting, string length, probes and
 * arguments ({@link DescriptionFormat}), ignores members it does not know, and reports anything
 * else (not UTF-8, not JSON, a member missing, twice or of the wrong type, a format it does not
 * read, values that disagree) as a {@link MalformedDescriptionException}, never another exception.
 */
public final class DescriptionCodec {
    private DescriptionCodec() {}

    /**
     * The JSON of {@code description}, which {@link #read} gives back as it was.
     *
     * @throws IllegalArgumentException if a string is longer than {@link DescriptionFormat#MAX_STRING_CHARS}
     *     or not Unicode text (a lone surrogate), or the document would be longer than
     *     {@link DescriptionFormat#MAX_DOCUMENT_BYTES}: no reader would take it
     */
    public static String write(ProviderDescription description) {
        List<String> members = new ArrayList<>();
        members.add(member(FORMAT, Integer.toString(description.format())));
        members.add(member(PROVIDER, string(description.provider())));
        members.add(member(INTERFACE, string(description.interfaceName())));
        members.add(member(CLASS, string(description.className())));
        description.source().ifPresent(source -> members.add(member(SOURCE, string(source))));
        members.add(member(LIBRARY, string(description.library())));
        members.add(member(MAX_STRING_BYTES, Integer.toString(description.maxStringBytes())));
        description.jfrSettings().ifPresent(settings -> members.add(member(JFR_SETTINGS, string(settings))));
        List<String> probes = new ArrayList<>();
        for (ProbeDescription probe : description.probes()) {
            List<String> arguments = new ArrayList<>();
            for (ArgumentDescription argument : probe.arguments()) {
                List<String> argumentMembers = new ArrayList<>(List.of(member(INDEX, Integer.toString(argument.index())),
                        member(NAME, string(argument.name())), member(JAVA_TYPE, string(argument.javaType())),
                        member(USDT_SIZE, Integer.toString(argument.tracerType().usdtSize())),
                        member(TRACER_SEES, string(argument.tracerType().wireName()))));
                switch (argument.passed()) {
                    case VALUE -> { }
                    case CLASS_NAME -> argumentMembers.add(member(PASSES, string(PASSES_CLASS_NAME)));
                }
                arguments.add(object(argumentMembers));
            }
            List<String> probeMembers = new ArrayList<>(List.of(member(NAME, string(probe.name())),
                    member(METHOD, string(probe.method()))));
            probe.instrumented().ifPresent(method -> probeMembers.addAll(List.of(member(JAVA_CLASS, string(method.className())),
                    member(DESCRIPTOR, string(method.descriptor())), member(EVENT, string(method.event().wireName())))));
            probeMembers.add(member(ARGUMENTS, array(arguments, "      ", "    ")));
            probes.add(object(probeMembers));
        }
        members.add(member(PROBES, array(probes, "    ", "  ")));
        String json = "{\n  " + String.join(",\n  ", members) + "\n}\n";
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > DescriptionFormat.MAX_DOCUMENT_BYTES) {
            throw new IllegalArgumentException("the description of provider " + description.provider() + " takes " + bytes
                    + " bytes, more than the " + DescriptionFormat.MAX_DOCUMENT_BYTES + " a reader takes");
        }
        return json;
    }

    /**
     * The description {@code document} holds.
     *
     * @throws MalformedDescriptionException if it is not one, in a message of one line that quotes
     *     nothing of the document
     */
    public static ProviderDescription read(byte[] document) throws MalformedDescriptionException {
        Object tree = BoundedJson.parse(document, DescriptionFormat.MAX_DOCUMENT_BYTES, DescriptionFormat.MAX_DEPTH,
                DescriptionFormat.MAX_STRING_CHARS);
        Members root = Members.of(tree, "the document");
        int format = root.integer(FORMAT);
        if (format > DescriptionFormat.VERSION || format < DescriptionFormat.OLDEST_READABLE) {
            throw new MalformedDescriptionException("it has format " + format + ", and this usdt4j reads formats "
                    + DescriptionFormat.OLDEST_READABLE + " to " + DescriptionFormat.VERSION
                    + (format > DescriptionFormat.VERSION ? ": read it with the usdt4j that wrote it, or a later one" : ""));
        }
        List<Object> probeTrees = root.array(PROBES, Limits.MAX_PROBES);
        List<ProbeDescription> probes = new ArrayList<>();
        for (int p = 0; p < probeTrees.size(); p++) {
            String probePath = PROBES + "[" + p + "]";
            Members probe = Members.of(probeTrees.get(p), probePath);
            List<Object> argumentTrees = probe.array(ARGUMENTS, Limits.MAX_ARGUMENTS);
            List<ArgumentDescription> arguments = new ArrayList<>();
            for (int a = 0; a < argumentTrees.size(); a++) {
                Members argument = Members.of(argumentTrees.get(a), probePath + "." + ARGUMENTS + "[" + a + "]");
                arguments.add(argument.build(() -> new ArgumentDescription(argument.integer(INDEX), argument.string(NAME),
                        argument.string(JAVA_TYPE), tracerType(argument, format), passed(argument))));
            }
            probes.add(probe.build(() -> new ProbeDescription(probe.string(NAME), probe.string(METHOD), arguments,
                    instrumented(probe))));
        }
        return root.build(() -> new ProviderDescription(format, root.string(PROVIDER), root.string(INTERFACE),
                root.string(CLASS), root.optionalString(SOURCE), root.string(LIBRARY), root.integer(MAX_STRING_BYTES),
                root.optionalString(JFR_SETTINGS), probes));
    }

    /** The argument's {@code tracerSees}, one of {@code format}'s, which its {@code usdtSize} must agree with. */
    private static TracerType tracerType(Members argument, int format) throws MalformedDescriptionException {
        String wireName = argument.string(TRACER_SEES);
        List<TracerType> types = Arrays.stream(TracerType.values())
                .filter(t -> t != TracerType.BOOL || format >= DescriptionFormat.BOOL_SINCE).toList();
        TracerType type = types.stream().filter(t -> t.wireName().equals(wireName)).findFirst()
                .orElseThrow(() -> argument.error(TRACER_SEES, "names no tracer type of format " + format + " ("
                        + types.stream().map(TracerType::wireName).collect(Collectors.joining(", ")) + ")"));
        int usdtSize = argument.integer(USDT_SIZE);
        if (usdtSize != type.usdtSize()) {
            throw argument.error(USDT_SIZE, "is " + usdtSize + ", but " + TRACER_SEES + " " + type.wireName()
                    + " has size " + type.usdtSize());
        }
        return type;
    }

    /** What the argument's {@code passes} says, when it has one: the only value it can have is {@code className}. */
    private static ArgumentDescription.Passed passed(Members argument) throws MalformedDescriptionException {
        Optional<String> passes = argument.optionalString(PASSES);
        if (passes.isEmpty()) {
            return ArgumentDescription.Passed.VALUE;
        }
        if (!passes.get().equals(PASSES_CLASS_NAME)) {
            throw argument.error(PASSES, "is not " + PASSES_CLASS_NAME);
        }
        return ArgumentDescription.Passed.CLASS_NAME;
    }

    /** The instrumented method of a probe of the agent: all three of its members, or none. */
    private static Optional<InstrumentedMethod> instrumented(Members probe) throws MalformedDescriptionException {
        Optional<String> className = probe.optionalString(JAVA_CLASS);
        Optional<String> descriptor = probe.optionalString(DESCRIPTOR);
        Optional<String> event = probe.optionalString(EVENT);
        if (className.isEmpty() && descriptor.isEmpty() && event.isEmpty()) {
            return Optional.empty();
        }
        if (className.isEmpty() || descriptor.isEmpty() || event.isEmpty()) {
            throw probe.error(className.isEmpty() ? JAVA_CLASS : descriptor.isEmpty() ? DESCRIPTOR : EVENT,
                    "is missing, and an instrumented method's probe has " + JAVA_CLASS + ", " + DESCRIPTOR + " and " + EVENT);
        }
        InstrumentedMethod.Event when = InstrumentedMethod.Event.ofWireName(event.get())
                .orElseThrow(() -> probe.error(EVENT, "is neither entry nor return"));
        return Optional.of(new InstrumentedMethod(className.get(), descriptor.get(), when));
    }

    /** {@code "name": value}. */
    private static String member(String name, String json) {
        return string(name) + ": " + json;
    }

    /** {@code {"a": 1, "b": 2}} on one line. */
    private static String object(List<String> members) {
        return "{" + String.join(", ", members) + "}";
    }

    /** {@code []}, or one element a line at {@code indent}, the closing bracket at {@code closingIndent}. */
    private static String array(List<String> elements, String indent, String closingIndent) {
        if (elements.isEmpty()) {
            return "[]";
        }
        return "[\n" + indent + String.join(",\n" + indent, elements) + "\n" + closingIndent + "]";
    }

    /** A JSON string; control characters (C0, DEL and C1) escaped, so that the document prints safely. */
    private static String string(String value) {
        if (value.length() > DescriptionFormat.MAX_STRING_CHARS) {
            throw new IllegalArgumentException("a string of " + value.length() + " characters is longer than the "
                    + DescriptionFormat.MAX_STRING_CHARS + " a reader takes");
        }
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                out.append(String.format("\\u%04x", (int) c));
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                out.append(c).append(value.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("a string with a lone surrogate at " + i + " is not Unicode text");
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** The members of one JSON object of the document, and where it is, for messages. */
    private record Members(Map<String, Object> members, String path) {
        @SuppressWarnings("unchecked")
        static Members of(Object tree, String path) throws MalformedDescriptionException {
            if (!(tree instanceof Map<?, ?> map)) {
                throw new MalformedDescriptionException(path + " is " + kind(tree) + ", not an object");
            }
            return new Members((Map<String, Object>) map, path);
        }

        Object required(String name) throws MalformedDescriptionException {
            Object value = members.get(name);
            if (value == null) {
                throw new MalformedDescriptionException(where(name) + " is missing");
            }
            return value;
        }

        String string(String name) throws MalformedDescriptionException {
            if (!(required(name) instanceof String value)) {
                throw error(name, "is " + kind(members.get(name)) + ", not a string");
            }
            return value;
        }

        Optional<String> optionalString(String name) throws MalformedDescriptionException {
            return members.containsKey(name) ? Optional.of(string(name)) : Optional.empty();
        }

        int integer(String name) throws MalformedDescriptionException {
            if (!(required(name) instanceof Long value)) {
                throw error(name, "is " + kind(members.get(name)) + ", not an integer");
            }
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                throw error(name, "is " + value + ", out of range");
            }
            return (int) (long) value;
        }

        @SuppressWarnings("unchecked")
        List<Object> array(String name, int maxElements) throws MalformedDescriptionException {
            if (!(required(name) instanceof List<?> value)) {
                throw error(name, "is " + kind(members.get(name)) + ", not an array");
            }
            if (value.size() > maxElements) {
                throw error(name, "has " + value.size() + " elements, more than the " + maxElements + " it may have");
            }
            return (List<Object>) value;
        }

        /** What {@code model} builds, or the rule of the model it breaks as this object's problem. */
        <T> T build(Model<T> model) throws MalformedDescriptionException {
            try {
                return model.build();
            } catch (IllegalArgumentException e) {
                // The model's messages name positions and numbers only, never a value of the document.
                throw new MalformedDescriptionException(path + ": " + e.getMessage(), e);
            }
        }

        MalformedDescriptionException error(String name, String problem) {
            return new MalformedDescriptionException(where(name) + " " + problem);
        }

        private String where(String name) {
            return (path.equals("the document") ? "" : path + ".") + name;
        }

        private static String kind(Object tree) {
            if (tree instanceof Map) {
                return "an object";
            } else if (tree instanceof List) {
                return "an array";
            } else if (tree instanceof String) {
                return "a string";
            } else if (tree instanceof Long) {
                return "an integer";
            } else if (tree instanceof Boolean) {
                return "a boolean";
            }
            return String.valueOf(tree); // null, or a number that is not an integer
        }
    }

    @FunctionalInterface
    private interface Model<T> {
        T build() throws MalformedDescriptionException;
    }
}
