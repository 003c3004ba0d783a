// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.description;

import io.usdt4j.contract.UsdtNames;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one bpftrace renderer: the program that prints the arguments of {@link TracedProbe}s, as the
 * processor's {@code <provider>.bt}, {@code usdt4j script} and {@code usdt4j trace} run it. It
 * owns what bpftrace 0.17 can do: it reads {@code arg0}..{@code arg5} only
 * ({@link #LAST_READABLE_ARGUMENT}), and BPF's 512-byte stack holds one {@code str()} per
 * {@code printf}, so every argument gets its own {@code printf}.
 *
 * <p>{@link #script} is for people: one line per fire, {@code shop:order_placed orderId=1 sku="A-1" quantity=2};
 * signed integers {@code %ld}, unsigned {@code %lu}, booleans {@code true} or {@code false},
 * strings in quotes but unescaped (bpftrace cannot escape), a null string {@code null}, an argument
 * bpftrace cannot read {@code ?}. For the same probes, every script has the same body; only its
 * comments and attach points differ. {@link #framed} is what {@code trace} runs: each
 * {@code printf} is framed by a token and the thread id, so fires of several threads can be told
 * apart and strings keep every byte; its lines are the {@link #FIRE} ... {@link #END} frames.
 *
 * <p>Every name it writes into a program must be one bpftrace takes as it is (see
 * {@link #requireRenderable}); it refuses any other with an {@link IllegalArgumentException}
 * rather than write it.
 */
public final class BpftraceRenderer {
    /** The last argument bpftrace 0.17 reads: {@code arg0}..{@code arg5}. */
    public static final int LAST_READABLE_ARGUMENT = 5;
    /** bpftrace 0.17's longest {@code str()}, the most its {@code BPFTRACE_STRLEN} takes. */
    public static final int LONGEST_STRING = 200;

    /** Frame ops, after {@code TOKEN TID}: a fire of probe N, an integer, a null, a string, its end, the fire's end. */
    public static final String FIRE = "F", INTEGER = "I", NULL = "N", STRING = "S", STRING_END = "E", END = ".";

    /** What {@link #script} says of its output, in its comments. */
    private static final List<String> OUTPUT = List.of(
            "Prints one line per fire: integers, booleans as true or false, strings in quotes but unescaped,",
            "a null string as null, and the arguments after arg" + LAST_READABLE_ARGUMENT + " (bpftrace reads no more) as ?.",
            "The lines of threads that fire at once may interleave: usdt4j trace keeps them apart.");

    /** A frame token: letters, digits and _ (after - is read as _). */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** The characters of a library path bpftrace 0.17 takes unquoted in an attach point. */
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9_./-]*");
    /** The longest library path a program names: Linux's PATH_MAX, and {@code /proc/PID/root} before it. */
    public static final int MAX_LIBRARY_PATH = 4096 + 32;

    private BpftraceRenderer() {}

    /** How bpftrace prints an argument of a {@link TracerType}. */
    private enum Printed { SIGNED, UNSIGNED, BOOLEAN, STRING }

    private static Printed printed(TracerType type) {
        return switch (type) {
            case BOOL -> Printed.BOOLEAN;
            case INT8, INT16, INT32, INT64 -> Printed.SIGNED;
            case UINT8, UINT16, UINT32, UINT64 -> Printed.UNSIGNED;
            case STRING -> Printed.STRING;
        };
    }

    /**
     * The program for people: a {@code BEGIN} block that says when every probe is attached
     * ({@code usdt4j: tracing provider shop}), then one block per probe.
     *
     * @param comments what the program is and how to run it, one line each, after {@code #!/usr/bin/env bpftrace}
     * @param durationSeconds when present, the program exits after that many seconds
     */
    public static String script(List<String> comments, List<TracedProbe> probes, OptionalInt durationSeconds) {
        StringBuilder program = new StringBuilder("#!/usr/bin/env bpftrace\n");
        for (String comment : comments) {
            program.append("// ").append(comment(comment)).append('\n');
        }
        for (String comment : OUTPUT) {
            program.append("// ").append(comment).append('\n');
        }
        Set<String> providers = new LinkedHashSet<>();
        probes.forEach(p -> providers.add(requireRenderable(p).provider()));
        program.append("\nBEGIN\n{\n    printf(\"usdt4j: tracing ")
                .append(providers.size() == 1 ? "provider " : "providers ").append(String.join(", ", providers))
                .append("\\n\");\n}\n");
        for (TracedProbe probe : probes) {
            program.append('\n').append(attachPoint(probe)).append("\n{\n");
            program.append("    printf(\"").append(probe.provider()).append(':').append(probe.probe().name()).append("\");\n");
            for (ArgumentDescription argument : probe.probe().arguments()) {
                String name = " " + argument.name() + "=";
                String arg = "arg" + argument.index();
                if (!readable(argument)) {
                    program.append("    printf(\"").append(name).append("?\");\n");
                    continue;
                }
                program.append("    ").append(switch (printed(argument.tracerType())) {
                    case SIGNED -> "printf(\"" + name + "%ld\", " + arg + ");";
                    case UNSIGNED -> "printf(\"" + name + "%lu\", " + arg + ");";
                    case BOOLEAN -> "if (" + arg + " != 0) { printf(\"" + name + "true\"); }"
                            + " else { printf(\"" + name + "false\"); }";
                    case STRING -> "if (" + arg + " == 0) { printf(\"" + name + "null\"); }"
                            + " else { printf(\"" + name + "\\\"%s\\\"\", str(" + arg + ")); }";
                }).append('\n');
            }
            program.append("    printf(\"\\n\");\n}\n");
        }
        appendDuration(program, durationSeconds);
        return program.toString();
    }

    /**
     * The program {@code usdt4j trace} runs. For a fire of {@code probes.get(n)} on thread TID it
     * prints {@code TOKEN TID F n}, then per readable argument {@code TOKEN TID I value} (an integer
     * or boolean, 0 or 1), {@code TOKEN TID N} (a null string) or {@code TOKEN TID S}, the string's
     * bytes (any number of lines) and {@code TOKEN TID E}, and last {@code TOKEN TID .}. Arguments
     * after {@link #LAST_READABLE_ARGUMENT} print nothing.
     *
     * @param token a random word that no traced string can guess, so no string can forge a frame
     */
    public static String framed(List<TracedProbe> probes, String token, OptionalInt durationSeconds) {
        if (!TOKEN.matcher(token.replace('-', '_')).matches()) {
            throw new IllegalArgumentException("a token must be letters, digits, _ and -");
        }
        StringBuilder program = new StringBuilder();
        String frame = token + " %d ";
        for (int i = 0; i < probes.size(); i++) {
            TracedProbe probe = requireRenderable(probes.get(i));
            program.append(attachPoint(probe)).append("\n{\n");
            program.append("    printf(\"").append(frame).append(FIRE).append(' ').append(i).append("\\n\", tid);\n");
            for (ArgumentDescription argument : probe.probe().arguments()) {
                if (!readable(argument)) {
                    continue;
                }
                String arg = "arg" + argument.index();
                program.append("    ").append(switch (printed(argument.tracerType())) {
                    case SIGNED -> "printf(\"" + frame + INTEGER + " %ld\\n\", tid, " + arg + ");";
                    case UNSIGNED, BOOLEAN -> "printf(\"" + frame + INTEGER + " %lu\\n\", tid, " + arg + ");";
                    case STRING -> "if (" + arg + " == 0) { printf(\"" + frame + NULL + "\\n\", tid); }"
                            + " else { printf(\"" + frame + STRING + "\\n%s\\n" + frame + STRING_END + "\\n\", tid, str("
                            + arg + "), tid); }";
                }).append('\n');
            }
            program.append("    printf(\"").append(frame).append(END).append("\\n\", tid);\n}\n\n");
        }
        appendDuration(program, durationSeconds);
        return program.toString();
    }

    /** Whether bpftrace reads the argument ({@code arg0}..{@code arg5}); the programs print the others as {@code ?}. */
    public static boolean readable(ArgumentDescription argument) {
        return argument.index() <= LAST_READABLE_ARGUMENT;
    }

    /** The arguments no program prints, as {@code provider:probe(name, ...)}, once each, for a notice. */
    public static List<String> unreadable(List<TracedProbe> probes) {
        Set<String> entries = new LinkedHashSet<>();
        for (TracedProbe probe : probes) {
            List<String> names = probe.probe().arguments().stream().filter(a -> !readable(a))
                    .map(ArgumentDescription::name).toList();
            if (!names.isEmpty()) {
                entries.add(probe.provider() + ":" + probe.probe().name() + "(" + String.join(", ", names) + ")");
            }
        }
        return new ArrayList<>(entries);
    }

    /** {@code usdt:*:shop:order_placed}, {@code usdt:/proc/42/root/tmp/libusdt4j-shop-0123456789abcdef.so:shop:order_placed}. */
    public static String attachPoint(TracedProbe probe) {
        requireRenderable(probe);
        return "usdt:" + probe.library() + ":" + probe.provider() + ":" + probe.probe().name();
    }

    /**
     * {@code probe}, if bpftrace takes every name of it as it is: the one rule for what of another
     * process may reach a bpftrace program. The provider's and the probe's names must be valid by
     * {@link UsdtNames#isValid}, each argument's a Java identifier ({@link #isJavaIdentifier}), and
     * the library {@link TracedProbe#ANY_LIBRARY} or an absolute path of at most
     * {@value #MAX_LIBRARY_PATH} ASCII letters, digits and {@code _ . / -}, without an empty,
     * {@code .} or {@code ..} component: nothing that bpftrace's attach points give a meaning to
     * (a {@code :} ends the path, a {@code ,} starts another attach point, {@code * ? [ ] { }}
     * are wildcards, a quote, {@code $}, {@code #}, a space, a newline or any control character
     * ends or changes the program), and nothing that names another file than the kernel's path of
     * a mapping does. The message names what is wrong but quotes none of it.
     *
     * @throws IllegalArgumentException for any other
     */
    public static TracedProbe requireRenderable(TracedProbe probe) {
        if (!UsdtNames.isValid(probe.provider())) {
            throw new IllegalArgumentException("a provider's name is not a valid provider name");
        }
        if (!UsdtNames.isValid(probe.probe().name())) {
            throw new IllegalArgumentException("a probe name of provider " + probe.provider() + " is not a valid probe name");
        }
        for (ArgumentDescription argument : probe.probe().arguments()) {
            if (!isJavaIdentifier(argument.name())) {
                throw new IllegalArgumentException("argument " + argument.index() + " of probe " + probe.provider() + ":"
                        + probe.probe().name() + " has a name that is not a Java identifier");
            }
        }
        if (!probe.library().equals(TracedProbe.ANY_LIBRARY) && !renderablePath(probe.library())) {
            throw new IllegalArgumentException("the library of provider " + probe.provider()
                    + " has a path that bpftrace cannot attach to: it takes an absolute path of at most " + MAX_LIBRARY_PATH
                    + " ASCII letters, digits, _ . / and -, without an empty, . or .. component");
        }
        return probe;
    }

    private static boolean renderablePath(String path) {
        if (path.length() > MAX_LIBRARY_PATH || !PATH.matcher(path).matches()) {
            return false;
        }
        for (String component : path.substring(1).split("/", -1)) {
            if (component.isEmpty() || component.equals(".") || component.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code name} is a Java identifier (letters, digits, {@code _} and {@code $} of any
     * script, not starting with a digit; no identifier-ignorable character): what an argument of a
     * description may be called. No keyword check: a program only prints it.
     */
    public static boolean isJavaIdentifier(String name) {
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.codePointAt(0))) {
            return false;
        }
        return name.codePoints().allMatch(c -> Character.isJavaIdentifierPart(c) && !Character.isIdentifierIgnorable(c));
    }

    /** A comment line: control characters, which could end it, become {@code ?}. */
    private static String comment(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? '?' : c));
        return out.toString();
    }

    private static void appendDuration(StringBuilder program, OptionalInt durationSeconds) {
        durationSeconds.ifPresent(seconds -> {
            if (seconds <= 0) {
                throw new IllegalArgumentException("a duration must be a positive number of seconds");
            }
            program.append("\ninterval:s:").append(seconds).append("\n{\n    exit();\n}\n");
        });
    }
}
