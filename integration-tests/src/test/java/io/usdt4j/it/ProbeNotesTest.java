package io.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code readelf -n} on the library the Maven build made: the notes every USDT tracer reads. */
class ProbeNotesTest {

    /** A probe note as readelf prints it. */
    record Note(String provider, String name, long semaphore, List<Integer> argumentSizes) {}

    private static final Pattern NOTE = Pattern.compile(
            "Provider: (\\S+)\\s+Name: (\\S+)\\s+Location: \\S+, Base: \\S+, Semaphore: 0x(\\p{XDigit}+)\\s+Arguments:([^\\n]*)");

    @Test
    void everyProbeHasItsNameSemaphoreAndArgumentSizes() throws Exception {
        TracerRequirement.require(TracerRequirement.onPath("readelf"), "readelf is not installed (apt-get install binutils)");
        ProviderBuild build = ProviderBuild.fromMavenBuild();
        Map<String, Note> notes = readNotes(build.library().toString());

        assertEquals(Map.of(
                        "signed_integers", List.of(-1, -2, -4, -8),
                        "unsigned_integers", List.of(1, 1, 2),
                        "strings", List.of(8, 8, 8),
                        "no_arguments", List.of(),
                        "twelve", List.of(-8, -4, -2, -1, 2, 1, -8, -4, -2, -1, 2, 8)),
                sizesByName(notes));
        List<Long> semaphores = new ArrayList<>();
        for (Note note : notes.values()) {
            assertEquals("usdt4j_it", note.provider());
            assertNotEquals(0L, note.semaphore(), note + " has a semaphore");
            semaphores.add(note.semaphore());
        }
        assertEquals(semaphores.size(), semaphores.stream().distinct().count(), "one semaphore per probe: " + semaphores);
    }

    static Map<String, Note> readNotes(String library) throws Exception {
        Process readelf = new ProcessBuilder("readelf", "-n", "--wide", library).redirectErrorStream(true).start();
        String output = new String(readelf.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, readelf.waitFor(), output);
        Map<String, Note> notes = new LinkedHashMap<>();
        Map<String, Integer> sites = new LinkedHashMap<>();
        Matcher matcher = NOTE.matcher(output);
        while (matcher.find()) {
            List<Integer> sizes = new ArrayList<>();
            for (String argument : matcher.group(4).trim().split("\\s+")) {
                if (!argument.isEmpty()) {
                    sizes.add(Integer.parseInt(argument.substring(0, argument.indexOf('@'))));
                }
            }
            Note note = new Note(matcher.group(1), matcher.group(2), Long.parseUnsignedLong(matcher.group(3), 16), sizes);
            // On x86-64 each probe has two sites (a one-byte and a five-byte nop), noted alike.
            Note earlier = notes.putIfAbsent(note.name(), note);
            assertTrue(earlier == null || earlier.equals(note), "probe " + note.name() + " noted differently:\n" + output);
            sites.merge(note.name(), 1, Integer::sum);
        }
        int expected = List.of("amd64", "x86_64").contains(System.getProperty("os.arch")) ? 2 : 1;
        sites.forEach((name, count) -> assertEquals(expected, count, "sites of probe " + name + ":\n" + output));
        return notes;
    }

    private static Map<String, List<Integer>> sizesByName(Map<String, Note> notes) {
        Map<String, List<Integer>> sizes = new LinkedHashMap<>();
        notes.forEach((name, note) -> sizes.put(name, note.argumentSizes()));
        return sizes;
    }
}
