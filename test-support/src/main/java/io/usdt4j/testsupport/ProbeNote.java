// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code NT_STAPSDT} note, the probe site that every USDT tracer reads, as {@code readelf -n}
 * prints it: the probe's provider and name, the address of its site (a probe has one note per
 * site), of its semaphore (0: none) and its arguments.
 */
public record ProbeNote(String provider, String name, long location, long base, long semaphore, List<Argument> arguments) {

    /**
     * An argument as the note describes it, {@code -8@%rdi}: its size in bytes, whether it is
     * signed (the note writes a negative size), and where the tracer reads it.
     */
    public record Argument(int size, boolean signed, String location) {
        /** The size as the note writes it: negative when signed. */
        public int notedSize() {
            return signed ? -size : size;
        }

        static Argument parse(String text) {
            Matcher argument = ARGUMENT.matcher(text);
            if (!argument.matches()) {
                throw new IllegalArgumentException("not a probe argument: '" + text + "'");
            }
            int noted = Integer.parseInt(argument.group(1));
            return new Argument(Math.abs(noted), noted < 0, argument.group(2));
        }
    }

    private static final Pattern NOTE = Pattern.compile(
            "Provider: (\\S+)\\s+Name: (\\S+)\\s+"
                    + "Location: 0x(\\p{XDigit}+), Base: 0x(\\p{XDigit}+), Semaphore: 0x(\\p{XDigit}+)\\s+"
                    + "Arguments:([^\\n]*)");
    private static final Pattern ARGUMENT = Pattern.compile("(-?\\d+)@(.+)");
    /** Between arguments: a location may hold a space itself ({@code -4@[sp, 8]} on arm64). */
    private static final Pattern BETWEEN_ARGUMENTS = Pattern.compile("\\s+(?=-?\\d+@)");

    public ProbeNote {
        arguments = List.copyOf(arguments);
    }

    /** The argument sizes as the note writes them: bytes, negative when signed. */
    public List<Integer> argumentSizes() {
        return arguments.stream().map(Argument::notedSize).toList();
    }

    /** Runs {@code readelf -n -W} on {@code library} (the calling test skips without readelf) and parses its notes. */
    public static List<ProbeNote> read(Path library) throws IOException, InterruptedException {
        TracerRequirement.requireTool("readelf", "binutils");
        return parse(Processes.run("readelf", "-n", "-W", library.toString()));
    }

    /** The probe notes of {@code readelf -n} output (with or without {@code -W}), in order. */
    public static List<ProbeNote> parse(String readelf) {
        List<ProbeNote> notes = new ArrayList<>();
        Matcher note = NOTE.matcher(readelf);
        while (note.find()) {
            List<Argument> arguments = new ArrayList<>();
            String list = note.group(6).strip();
            if (!list.isEmpty()) {
                for (String argument : BETWEEN_ARGUMENTS.split(list)) {
                    arguments.add(Argument.parse(argument));
                }
            }
            notes.add(new ProbeNote(note.group(1), note.group(2), Long.parseUnsignedLong(note.group(3), 16),
                    Long.parseUnsignedLong(note.group(4), 16), Long.parseUnsignedLong(note.group(5), 16), arguments));
        }
        return notes;
    }
}
