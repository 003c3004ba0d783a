package io.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.contract.PlatformId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code readelf -n} on the libraries the Maven build made, for the host and for aarch64: the
 * notes every USDT tracer reads.
 */
class ProbeNotesTest {

    /** A probe note as readelf prints it (its location aside, which differs between a probe's sites). */
    record Note(String provider, String name, long semaphore, List<Integer> argumentSizes) {}

    private static final Pattern NOTE = Pattern.compile(
            "Provider: (\\S+)\\s+Name: (\\S+)\\s+Location: 0x(\\p{XDigit}+), Base: \\S+, Semaphore: 0x(\\p{XDigit}+)\\s+Arguments:([^\\n]*)");
    /** {@code -8@%rax} on x86-64; {@code -8@x1} or {@code -4@[sp, 8]} (with a space) on aarch64. */
    private static final Pattern ARGUMENT = Pattern.compile("(-?\\d+)@(\\[[^\\]]*\\]|\\S+)");

    @Test
    void everyProbeHasItsNameSemaphoreAndArgumentSizes() throws Exception {
        TracerRequirement.require(TracerRequirement.onPath("readelf"), "readelf is not installed (apt-get install binutils)");
        ProviderBuild build = ProviderBuild.fromMavenBuild();
        assertEveryTypeNotes(readNotes(build.library().toString(), PlatformId.host(), new ArrayList<>()));
    }

    /**
     * The aarch64 library the same build cross-compiled: an AArch64 object, one site per probe
     * (no five-byte nop there), with the same notes, each pointing at a {@code nop}.
     */
    @Test
    void aarch64LibraryHasOneNopSitePerProbeAndTheSameNotes() throws Exception {
        TracerRequirement.require(TracerRequirement.onPath("readelf"), "readelf is not installed (apt-get install binutils)");
        TracerRequirement.require(TracerRequirement.onPath("aarch64-linux-gnu-objdump"),
                "aarch64-linux-gnu-objdump is not installed (apt-get install binutils-aarch64-linux-gnu)");
        Path library = CrossPlatformTest.aarch64Library();
        assertTrue(run("readelf", "-h", library.toString()).matches("(?s).*Machine:\\s+AArch64\\n.*"), library + " is AArch64");

        List<Long> locations = new ArrayList<>();
        Map<String, Note> notes = readNotes(library.toString(), PlatformId.LINUX_AARCH64, locations);

        assertEveryTypeNotes(notes);
        assertEquals(notes.size(), locations.size());
        Matcher argument = ARGUMENT.matcher(run("readelf", "-n", "--wide", library.toString()));
        while (argument.find()) { // a register (x0-x30), the stack (with an offset), or a constant
            assertTrue(argument.group(2).matches("x([12]?\\d|30)|\\[(sp|x\\d+)(, -?\\d+)?\\]|-?\\d+"),
                    "an aarch64 operand: " + argument.group());
        }
        for (long location : locations) {
            String at = Long.toHexString(location);
            String listing = run("aarch64-linux-gnu-objdump", "-d", "--start-address=0x" + at,
                    "--stop-address=0x" + Long.toHexString(location + 4), library.toString());
            Matcher instruction = Pattern.compile("(?m)^\\s*" + at + ":\\s+\\p{XDigit}{8}\\s+(\\S+)").matcher(listing);
            assertTrue(instruction.find(), "no instruction at 0x" + at + ":\n" + listing);
            assertEquals("nop", instruction.group(1), "the probe site at 0x" + at);
        }
    }

    private static void assertEveryTypeNotes(Map<String, Note> notes) {
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

    /** The notes of {@code library}, built for {@code platform}, by probe name; adds each site's address to {@code locations}. */
    static Map<String, Note> readNotes(String library, PlatformId platform, List<Long> locations) throws Exception {
        String output = run("readelf", "-n", "--wide", library);
        Map<String, Note> notes = new LinkedHashMap<>();
        Map<String, Integer> sites = new LinkedHashMap<>();
        Matcher matcher = NOTE.matcher(output);
        while (matcher.find()) {
            List<Integer> sizes = new ArrayList<>();
            Matcher argument = ARGUMENT.matcher(matcher.group(5));
            while (argument.find()) {
                sizes.add(Integer.parseInt(argument.group(1)));
            }
            locations.add(Long.parseUnsignedLong(matcher.group(3), 16));
            Note note = new Note(matcher.group(1), matcher.group(2), Long.parseUnsignedLong(matcher.group(4), 16), sizes);
            // On x86-64 each probe has two sites (a one-byte and a five-byte nop), noted alike.
            Note earlier = notes.putIfAbsent(note.name(), note);
            assertTrue(earlier == null || earlier.equals(note), "probe " + note.name() + " noted differently:\n" + output);
            sites.merge(note.name(), 1, Integer::sum);
        }
        int expected = platform.equals(PlatformId.LINUX_X86_64) ? 2 : 1;
        sites.forEach((name, count) -> assertEquals(expected, count, "sites of probe " + name + ":\n" + output));
        return notes;
    }

    static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ":\n" + output);
        return output;
    }

    private static Map<String, List<Integer>> sizesByName(Map<String, Note> notes) {
        Map<String, List<Integer>> sizes = new LinkedHashMap<>();
        notes.forEach((name, note) -> sizes.put(name, note.argumentSizes()));
        return sizes;
    }
}
