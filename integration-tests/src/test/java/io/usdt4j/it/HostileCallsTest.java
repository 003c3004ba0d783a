// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import io.usdt4j.testsupport.LineProcess;
import io.usdt4j.testsupport.Processes;
import io.usdt4j.testsupport.TracerRequirement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every public and protected method of the runtime, called with hostile arguments, and real
 * providers attacked with crafted offsets, natives, memory and string leases ({@link HostileCallsApp}),
 * in a JVM of its own: a crash there fails this test. Every call returns or throws.
 */
class HostileCallsTest {
    private static final int FEATURE = Runtime.version().feature();
    private static final String NOT_A_LIBRARYS = "; only a native library's memory is read";
    private static final String READS_FALSE = "; reads returned false, returned false";

    @TempDir
    Path temp;

    @Backend.Each
    void everyCallReturnsOrThrowsAndNothingReadsOutsideAProvidersSemaphores(Backend backend) throws Exception {
        try (LineProcess app = start(backend, List.of())) {
            assertEveryCallReturnedOrThrew(backend, awaitTranscript(app), false);
        }
    }

    /** The same with bpftrace on every probe: the generated code then hands every hostile value to the natives. */
    @Backend.Each
    void everyCallReturnsOrThrowsWhileEveryProbeIsTraced(Backend backend) throws Exception {
        TracerRequirement.requireBpftrace();
        try (LineProcess app = start(backend, List.of("--await-tracer"))) {
            app.awaitPrefix("ready ");
            String counts;
            try (LineProcess bpftrace = OpsJvm.bpftrace(app.pid(),
                    "usdt:*:usdt4j_it:* { @it = count(); } usdt:*:usdt4j_ops:* { @ops = count(); }")) {
                app.awaitPrefix("traced");
                String transcript = awaitTranscript(app);
                bpftrace.interrupt();
                bpftrace.awaitExit();
                counts = bpftrace.transcript();
                assertEveryCallReturnedOrThrew(backend, transcript, true);
            }
            assertTrue(number(line(counts, "@it: "), "") > 1000, "the natives fired, with hostile values:\n" + counts);
            assertTrue(number(line(counts, "@ops: "), "") > 100, counts);
        }
    }

    private static void assertEveryCallReturnedOrThrew(Backend backend, String transcript, boolean traced) {
        String summary = line(transcript, "summary ");
        assertTrue(summary.endsWith(" uncalled=0 mismatches=0"), "every member called, every argument fit:\n" + transcript);
        assertTrue(number(summary, "runtimeMembers=") >= 50, summary);
        assertTrue(number(summary, "calls=") >= 10_000, summary);
        assertFalse(transcript.contains("InternalError"), "no memory fault, not even one the JVM survives:\n" + transcript);

        // Each provider's semaphores read (true while traced); every other int offset throws. The
        // probes' offsets, in declaration order: gcc lays the semaphores out last probe first, the
        // writer first probe first.
        boolean reversed = backend == Backend.C;
        assertEquals("probes=" + (reversed ? "[8, 6, 4, 2, 0]" : "[0, 2, 4, 6, 8]") + " readable=[0, 2, 4, 6, 8] active="
                + (traced ? 5 : 0) + " outOfBounds=140199 other=0", line(transcript, "attack semaphores usdt4j_it: "));
        assertEquals("probes=" + (reversed ? "[2, 0]" : "[0, 2]") + " readable=[0, 2] active=" + (traced ? 2 : 0)
                + " outOfBounds=140202 other=0", line(transcript, "attack semaphores usdt4j_ops: "));
        assertEquals(String.join("; ", "offset(-1) threw java.lang.ArrayIndexOutOfBoundsException",
                "offset(-2147483648) threw java.lang.ArrayIndexOutOfBoundsException",
                "offset(2147483647) threw java.lang.ArrayIndexOutOfBoundsException",
                "offset(65536) threw java.lang.ArrayIndexOutOfBoundsException",
                "publish(null) threw java.lang.NullPointerException",
                "publish(Object) threw java.lang.IllegalArgumentException",
                "publish(INSTANCE) threw java.lang.IllegalStateException",
                "publish(other provider) threw java.lang.IllegalArgumentException",
                "publish(Long) threw java.lang.IllegalArgumentException"), line(transcript, "attack binding usdt4j_it: "));

        // The native memory for strings: every misuse throws, and nothing is left held.
        for (String[] provider : new String[][] {{"usdt4j_it", "3"}, {"usdt4j_ops", "1"}}) {
            String outOfRange = "threw java.lang.IndexOutOfBoundsException";
            String notHeld = "threw java.lang.IllegalStateException";
            assertEquals(String.join("; ", "slot -1 " + outOfRange, "slot " + provider[1] + " " + outOfRange,
                    "slot -2147483648 " + outOfRange, "slot 2147483647 " + outOfRange, "1 MiB returned true",
                    "longer than it is threw java.lang.StringIndexOutOfBoundsException", "shorter than nothing returned true",
                    "enum that lies returned true", "another thread writes " + notHeld, "another thread gives back " + notHeld,
                    "given back twice " + notHeld, "written after " + notHeld, "in use 0"),
                    line(transcript, "attack strings " + provider[0] + ": "), provider[0]);
        }

        for (Map.Entry<String, String> expected : craftedNativesOutcomes().entrySet()) {
            assertEquals(expected.getValue(), line(transcript, "attack natives " + expected.getKey() + ": "), expected.getKey());
        }

        assertEquals("control unloaded=true held mapped=true held read returned false released unloaded=true",
                line(transcript, "attack unloaded loader: "),
                "semaphores someone holds keep their library mapped, and only as long as they are held");
    }

    /** What loading each crafted ProviderNatives gave, and what reading both its probes did. */
    private static Map<String, String> craftedNativesOutcomes() {
        Map<String, String> outcomes = new LinkedHashMap<>();
        String noMemory = "inert: the native library returned no semaphore memory" + READS_FALSE;
        outcomes.put("own direct memory", "loaded" + READS_FALSE);
        outcomes.put("null memory", noMemory);
        outcomes.put("heap buffer", noMemory);
        outcomes.put("empty direct buffer", noMemory);
        outcomes.put("one-byte direct buffer", noMemory);
        outcomes.put("unaligned direct buffer",
                "inert: the native library returned semaphore memory that is not 2-byte aligned" + READS_FALSE);
        outcomes.put("read-only direct buffer", "loaded" + READS_FALSE);
        for (String[] offsets : new String[][] {{"offset past the end", "4"}, {"offset far past the end", "2147483646"},
                {"negative offset", "-2"}, {"minimum offset", "-2147483648"}, {"odd offset", "1"}}) {
            outcomes.put(offsets[0], "inert: the native library returned semaphore offsets [0, " + offsets[1]
                    + "] outside its 4-byte region" + READS_FALSE);
        }
        String unregistered = "inert: the native library could not register its probe methods" + READS_FALSE;
        outcomes.put("bindProbes fails", unregistered);
        outcomes.put("bindProbes lies", unregistered);
        outcomes.put("offsets rewritten after load", "loaded" + READS_FALSE);
        outcomes.put("semaphores throws", "inert: java.lang.IllegalStateException: crafted" + READS_FALSE);
        outcomes.put("loadLibrary throws", "inert: java.lang.UnsatisfiedLinkError: crafted" + READS_FALSE);
        outcomes.put("loadLibrary loads /dev/null",
                "inert: java.lang.UnsatisfiedLinkError: /dev/null: /dev/null: file too short" + READS_FALSE);
        outcomes.put("file mapping truncated after load", "inert: java.lang.IllegalArgumentException: the semaphore memory"
                + " is a mapped file, whose pages fault once the file shrinks" + NOT_A_LIBRARYS + READS_FALSE);
        // A segment checks its own liveness; a bare address read by Unsafe would not.
        outcomes.put("memory segment freed after load", FEATURE >= 22
                ? "loaded; reads threw java.lang.IllegalStateException, threw java.lang.IllegalStateException"
                : "inert: java.lang.IllegalArgumentException: the semaphore memory is a view of a MemorySegment,"
                        + " which may be freed while unsafe reads its address" + NOT_A_LIBRARYS + READS_FALSE);
        return outcomes;
    }

    /** JDK 17 frees foreign memory only through jdk.incubator.foreign; JDK 24+ restricts System.load. */
    private LineProcess start(Backend backend, List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Processes.java(), "-Dusdt4j.dir=" + temp.resolve("libs")));
        if (FEATURE < 22) {
            command.addAll(List.of("--add-modules", "jdk.incubator.foreign"));
        } else {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(List.of("-cp", Processes.classPath(backend.build().classPath()), HostileCallsApp.class.getName()));
        command.addAll(arguments);
        return new LineProcess("HostileCallsApp", command);
    }

    /** What the app printed, once it exited 0. */
    private static String awaitTranscript(LineProcess app) throws Exception {
        int exit = app.awaitExit();
        assertEquals(0, exit, () -> "HostileCallsApp printed:\n" + app.transcript());
        return app.transcript();
    }

    private static String line(String transcript, String prefix) {
        return transcript.lines().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()))
                .findFirst().orElseThrow(() -> new AssertionError("no line '" + prefix + "...' in:\n" + transcript));
    }

    private static long number(String line, String key) {
        int start = line.indexOf(key) + key.length(); // an empty key: the number the line starts with
        int end = line.indexOf(' ', start);
        return Long.parseLong(line.substring(start, end < 0 ? line.length() : end));
    }
}
