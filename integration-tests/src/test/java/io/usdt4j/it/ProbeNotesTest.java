package io.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.testsupport.Host;
import io.usdt4j.testsupport.ProbeNote;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code readelf -n} on the library the Maven build made: the notes every USDT tracer reads. */
class ProbeNotesTest {

    @Test
    void everyProbeHasItsNameSemaphoreAndArgumentSizes() throws Exception {
        Map<String, ProbeNote> notes = notesByProbe(ProviderBuild.fromMavenBuild());

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

    /** One note per probe; on x86-64 each probe has two sites (a one-byte and a five-byte nop), noted alike but for the site. */
    private static Map<String, ProbeNote> notesByProbe(ProviderBuild build) throws Exception {
        List<ProbeNote> all = ProbeNote.read(build.library());
        Map<String, ProbeNote> notes = new LinkedHashMap<>();
        Map<String, Integer> sites = new LinkedHashMap<>();
        for (ProbeNote note : all) {
            ProbeNote earlier = notes.putIfAbsent(note.name(), note);
            assertTrue(earlier == null || (earlier.provider().equals(note.provider())
                    && earlier.semaphore() == note.semaphore() && earlier.argumentSizes().equals(note.argumentSizes())), "probe " + note.name() + " noted differently:\n" + all);
            sites.merge(note.name(), 1, Integer::sum);
        }
        int expected = Host.X86_64 ? 2 : 1;
        sites.forEach((name, count) -> assertEquals(expected, count, "sites of probe " + name + ":\n" + all));
        return notes;
    }

    private static Map<String, List<Integer>> sizesByName(Map<String, ProbeNote> notes) {
        Map<String, List<Integer>> sizes = new LinkedHashMap<>();
        notes.forEach((name, note) -> sizes.put(name, note.argumentSizes()));
        return sizes;
    }
}
