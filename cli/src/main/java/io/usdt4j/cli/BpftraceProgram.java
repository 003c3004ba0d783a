// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The bpftrace program for selected probes. bpftrace 0.17 reads only {@code arg0}..{@code arg5};
 * every {@code str()} gets its own {@code printf}, so the probe stays within BPF's 512-byte stack.
 *
 * <p>{@link #readable} is for people: one line per fire in {@code trace}'s text format, but
 * strings are not escaped (bpftrace cannot). {@link #framed} is what {@code trace} runs: each
 * printf is one line framed by a random token and the thread id, so fires of several threads can
 * be told apart and strings keep every byte, and {@link TraceOutput} formats them.
 */
final class BpftraceProgram {
    /** The highest argument bpftrace 0.17 can read. */
    static final int LAST_READABLE = 5;

    private BpftraceProgram() {}

    static String attachPoint(long pid, Selection.Match match) {
        return "usdt:/proc/" + pid + "/root" + match.library().path() + ":" + match.provider() + ":" + match.probe().name();
    }

    /** The arguments no probe can print, as {@code provider:probe(name, ...)}, for the notice. */
    static List<String> unreadable(List<Selection.Match> matches) {
        List<String> names = new ArrayList<>();
        for (Selection.Match match : matches) {
            List<String> args = match.probe().arguments().stream().filter(a -> a.index() > LAST_READABLE)
                    .map(Description.Argument::name).toList();
            String entry = match.provider() + ":" + match.probe().name() + "(" + String.join(", ", args) + ")";
            if (!args.isEmpty() && !names.contains(entry)) {
                names.add(entry);
            }
        }
        return names;
    }

    static String readable(long pid, List<Selection.Match> matches, Integer durationSeconds) {
        StringBuilder program = new StringBuilder();
        program.append("#!/usr/bin/env bpftrace\n")
                .append("// usdt4j: probes of process ").append(pid).append(", run with: bpftrace -p ").append(pid).append(" FILE\n")
                .append("// Strings print in quotes but unescaped; a null string prints as null; arguments after arg")
                .append(LAST_READABLE).append(" print as ?.\n");
        for (Selection.Match match : matches) {
            program.append('\n').append(attachPoint(pid, match)).append("\n{\n");
            program.append("    printf(\"").append(match.provider()).append(':').append(match.probe().name()).append("\");\n");
            for (Description.Argument argument : match.probe().arguments()) {
                String name = " " + argument.name() + "=";
                String arg = "arg" + argument.index();
                if (argument.index() > LAST_READABLE) {
                    program.append("    printf(\"").append(name).append("?\");\n");
                } else if (argument.isString()) {
                    program.append("    if (").append(arg).append(" == 0) { printf(\"").append(name).append("null\"); }")
                            .append(" else { printf(\"").append(name).append("\\\"%s\\\"\", str(").append(arg).append(")); }\n");
                } else if (argument.isBoolean()) {
                    program.append("    if (").append(arg).append(" != 0) { printf(\"").append(name).append("true\"); }")
                            .append(" else { printf(\"").append(name).append("false\"); }\n");
                } else {
                    program.append("    printf(\"").append(name).append(integer(argument)).append("\", ").append(arg).append(");\n");
                }
            }
            program.append("    printf(\"\\n\");\n}\n");
        }
        appendDuration(program, durationSeconds);
        return program.toString();
    }

    /** Frame ops, after {@code TOKEN TID}: a fire of match N, an integer, a null, a string, its end, the fire's end. */
    static final String FIRE = "F", INTEGER = "I", NULL = "N", STRING = "S", STRING_END = "E", END = ".";

    static String framed(long pid, List<Selection.Match> matches, String token, Integer durationSeconds) {
        StringBuilder program = new StringBuilder();
        String frame = token + " %d ";
        for (int i = 0; i < matches.size(); i++) {
            Selection.Match match = matches.get(i);
            program.append(attachPoint(pid, match)).append("\n{\n");
            program.append("    printf(\"").append(frame).append(FIRE).append(' ').append(i).append("\\n\", tid);\n");
            for (Description.Argument argument : match.probe().arguments()) {
                if (argument.index() > LAST_READABLE) {
                    continue;
                }
                String arg = "arg" + argument.index();
                if (argument.isString()) {
                    program.append("    if (").append(arg).append(" == 0) { printf(\"").append(frame).append(NULL).append("\\n\", tid); }")
                            .append(" else { printf(\"").append(frame).append(STRING).append("\\n%s\\n").append(frame)
                            .append(STRING_END).append("\\n\", tid, str(").append(arg).append("), tid); }\n");
                } else {
                    program.append("    printf(\"").append(frame).append(INTEGER).append(' ').append(integer(argument))
                            .append("\\n\", tid, ").append(arg).append(");\n");
                }
            }
            program.append("    printf(\"").append(frame).append(END).append("\\n\", tid);\n}\n\n");
        }
        appendDuration(program, durationSeconds);
        return program.toString();
    }

    private static String integer(Description.Argument argument) {
        return argument.isUnsigned() ? "%lu" : "%ld";
    }

    private static void appendDuration(StringBuilder program, Integer durationSeconds) {
        if (durationSeconds != null) {
            program.append("\ninterval:s:").append(durationSeconds).append("\n{\n    exit();\n}\n");
        }
    }
}
