// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.testsupport.LineProcess;
import io.usdt4j.testsupport.TracerRequirement;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sixteen threads fire while bpftrace attaches and detaches twenty times: the JVM survives, and
 * while bpftrace is attached every line it prints is whole and nothing in between is lost.
 */
class ThreadsUnderTracingTest {
    private static final int THREADS = 16;
    private static final int ATTACHMENTS = 20;
    private static final String SCRIPT =
            "usdt:*:usdt4j_ops:tick { printf(\"tick %ld %ld %ld\\n\", arg0, arg1, arg2); }";

    @Backend.Each
    void sixteenThreadsWhileBpftraceAttachesAndDetachesTwentyTimes(Backend backend, @TempDir Path temp) throws Exception {
        TracerRequirement.requireBpftrace();
        try (LineProcess app = new LineProcess("OpsApp", OpsJvm.command(backend, temp.resolve("libs"), List.of()))) {
            app.awaitReady().loaded();
            app.send("threads " + THREADS);
            app.awaitPrefix("started " + THREADS);
            for (int attachment = 1; attachment <= ATTACHMENTS; attachment++) {
                String transcript;
                try (LineProcess bpftrace = OpsJvm.bpftrace(app.pid(), SCRIPT)) {
                    Map<Long, Integer> seen = new HashMap<>();
                    while (seen.size() < THREADS || seen.values().stream().anyMatch(n -> n < 3)) {
                        String[] tick = bpftrace.awaitPrefix("tick ").split(" ");
                        seen.merge(Long.parseLong(tick[1]), 1, Integer::sum);
                    }
                    bpftrace.interrupt();
                    bpftrace.awaitExit();
                    transcript = bpftrace.transcript();
                }
                checkAttachment(attachment, transcript);
            }
            app.ask("stop", "stopped");
            assertEquals("enabled=false false", app.ask("enabled?", "enabled="), "after the last detach");
            assertEquals(0, app.exit(), app.transcript());
        }
    }

    /**
     * Each line: a known thread, and the checksum of its thread and counter (so no argument was
     * torn or mixed with another thread's). Per thread, the counters seen form one unbroken run:
     * between the first and last event of an attachment, none was lost or seen twice.
     */
    private static void checkAttachment(int attachment, String transcript) {
        String context = "attachment " + attachment + ":\n" + transcript;
        assertFalse(transcript.contains("Lost"), context);
        Map<Long, TreeSet<Long>> counters = new HashMap<>();
        Map<Long, Integer> events = new HashMap<>();
        for (String line : transcript.lines().filter(l -> l.startsWith("tick ")).toList()) {
            String[] tick = line.split(" ");
            assertEquals(4, tick.length, line);
            long thread = Long.parseLong(tick[1]);
            long counter = Long.parseLong(tick[2]);
            assertTrue(thread >= 0 && thread < THREADS, line);
            assertEquals(OpsApp.checksum(thread, counter), Long.parseLong(tick[3]), line);
            counters.computeIfAbsent(thread, t -> new TreeSet<>()).add(counter);
            events.merge(thread, 1, Integer::sum);
        }
        assertEquals(THREADS, counters.size(), context);
        counters.forEach((thread, seen) -> {
            assertEquals(events.get(thread), seen.size(), "thread " + thread + " counter seen twice; " + context);
            assertEquals(seen.last() - seen.first() + 1, seen.size(),
                    "thread " + thread + " lost events between " + seen.first() + " and " + seen.last() + "; " + context);
        });
    }
}
