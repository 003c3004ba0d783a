// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.contract.Platform;
import io.usdt4j.contract.PlatformId;
import io.usdt4j.testsupport.ProbeNote;
import io.usdt4j.testsupport.Processes;
import io.usdt4j.testsupport.TracerRequirement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code readelf -n} on the libraries the Maven build made: the notes every USDT tracer reads. */
class ProbeNotesTest {

    @Backend.Each
    void everyProbeHasItsNameSemaphoreAndArgumentSizes(Backend backend) throws Exception {
        assertEveryTypeNotes(notesByProbe(backend.build().library(), PlatformId.host().platform().sites().size()));
    }

    /**
     * The aarch64 library the same build cross-compiled (or usdt4j-writer wrote): an AArch64 object,
     * one site per probe (no five-byte nop there), with the same notes, each pointing at a {@code nop}.
     */
    @Backend.Each
    void aarch64LibraryHasOneNopSitePerProbeAndTheSameNotes(Backend backend) throws Exception {
        TracerRequirement.requireTool("readelf", "binutils");
        TracerRequirement.requireTool(Platform.LINUX_AARCH64.objdump(), Platform.LINUX_AARCH64.binutilsPackage());
        Path library = CrossPlatformTest.library(backend.build(), Platform.LINUX_AARCH64);
        assertTrue(run("readelf", "-h", library.toString()).matches("(?s).*Machine:\\s+AArch64\\n.*"), library + " is AArch64");

        Map<String, ProbeNote> notes = notesByProbe(library, 1);

        assertEveryTypeNotes(notes);
        for (ProbeNote note : notes.values()) {
            for (ProbeNote.Argument argument : note.arguments()) { // a register (x0-x30), the stack, or a constant
                assertTrue(argument.location().matches("x([12]?\\d|30)|\\[(sp|x\\d+)(, -?\\d+)?\\]|-?\\d+"),
                        "an aarch64 operand: " + argument + " of " + note);
            }
            String at = Long.toHexString(note.location());
            String listing = run(Platform.LINUX_AARCH64.objdump(), "-d", "--start-address=0x" + at,
                    "--stop-address=0x" + Long.toHexString(note.location() + 4), library.toString());
            Matcher instruction = Pattern.compile("(?m)^\\s*" + at + ":\\s+\\p{XDigit}{8}\\s+(\\S+)").matcher(listing);
            assertTrue(instruction.find(), "no instruction at 0x" + at + ":\n" + listing);
            assertEquals("nop", instruction.group(1), "the probe site at 0x" + at);
        }
    }

    private static void assertEveryTypeNotes(Map<String, ProbeNote> notes) {
        assertEquals(Map.of(
                        "signed_integers", List.of(-1, -2, -4, -8),
                        "unsigned_integers", List.of(1, 1, 2),
                        "strings", List.of(8, 8, 8),
                        "no_arguments", List.of(),
                        "twelve", List.of(-8, -4, -2, -1, 2, 1, -8, -4, -2, -1, 2, 8)),
                sizesByName(notes));
        List<Long> semaphores = new ArrayList<>();
        for (ProbeNote note : notes.values()) {
            assertEquals("usdt4j_it", note.provider());
            assertNotEquals(0L, note.semaphore(), note + " has a semaphore");
            semaphores.add(note.semaphore());
        }
        assertEquals(semaphores.size(), semaphores.stream().distinct().count(), "one semaphore per probe: " + semaphores);
    }

    /**
     * One note per probe and site, {@code sitesPerProbe} sites (on x86-64 a one-byte and a
     * five-byte nop, noted alike but for the site); the first note of each probe, by name.
     */
    private static Map<String, ProbeNote> notesByProbe(Path library, int sitesPerProbe) throws Exception {
        List<ProbeNote> all = ProbeNote.read(library);
        Map<String, ProbeNote> notes = new LinkedHashMap<>();
        Map<String, Integer> sites = new LinkedHashMap<>();
        for (ProbeNote note : all) {
            ProbeNote earlier = notes.putIfAbsent(note.name(), note);
            assertTrue(earlier == null || (earlier.provider().equals(note.provider())
                    && earlier.semaphore() == note.semaphore() && earlier.argumentSizes().equals(note.argumentSizes())), "probe " + note.name() + " noted differently:\n" + all);
            sites.merge(note.name(), 1, Integer::sum);
        }
        sites.forEach((name, count) -> assertEquals(sitesPerProbe, count, "sites of probe " + name + ":\n" + all));
        return notes;
    }

    private static Map<String, List<Integer>> sizesByName(Map<String, ProbeNote> notes) {
        Map<String, List<Integer>> sizes = new LinkedHashMap<>();
        notes.forEach((name, note) -> sizes.put(name, note.argumentSizes()));
        return sizes;
    }

    static String run(String... command) throws Exception {
        return Processes.run(command);
    }
}
