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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sixteen threads fire while bpftrace attaches and detaches twenty times: the JVM survives, and
 * while bpftrace is attached every line it prints is whole and nothing in between is lost. Many
 * platform and virtual threads fire strings at once: each arrives whole and as its own thread's,
 * and the provider's native memory for them stays bounded by the fires in progress at once.
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

    /** bpftrace counts each (key, string) pair in the kernel, so that no event is lost to printing. */
    private static final String TEXT_SCRIPT = "usdt:*:usdt4j_ops:text { @[arg1, str(arg0)] = count(); }";

    /**
     * 64 platform threads fire their strings 3000 times each: every fire arrives with its own
     * thread's string, whole, and the provider keeps at most one buffer per thread.
     */
    @Backend.Each
    void stringsFromManyPlatformThreadsArriveWholeInBoundedMemory(Backend backend, @TempDir Path temp) throws Exception {
        int threads = 64;
        int buffers = fireStringsFrom(backend, temp, threads, "platform", 3000);
        assertTrue(buffers >= 1 && buffers <= threads, buffers + " buffers for " + threads + " threads");
    }

    /**
     * 5000 virtual threads fire their strings 60 times each. A fire neither blocks nor yields, so
     * no more fires are in progress at once than there are carrier threads: the provider keeps at
     * most one buffer per carrier, however many virtual threads fire.
     */
    @Backend.Each
    @EnabledForJreRange(min = JRE.JAVA_21)
    void stringsFromThousandsOfVirtualThreadsArriveWholeInBoundedMemory(Backend backend, @TempDir Path temp) throws Exception {
        int buffers = fireStringsFrom(backend, temp, 5000, "virtual", 60);
        int carriers = Runtime.getRuntime().availableProcessors(); // the child JVM's default scheduler parallelism
        assertTrue(buffers >= 1 && buffers <= carriers, buffers + " buffers for " + carriers + " carrier threads");
    }

    /**
     * OpsApp's {@code text-threads}, under bpftrace's count of each (thread key, string) pair: every
     * fire was traced, under its own key with its own string ({@link OpsApp#threadText}); returns
     * how many buffers the provider keeps for strings.
     */
    private static int fireStringsFrom(Backend backend, Path temp, int threads, String kind, int fires) throws Exception {
        TracerRequirement.requireBpftrace();
        try (LineProcess app = new LineProcess("OpsApp", OpsJvm.command(backend, temp.resolve("libs"), List.of()))) {
            app.awaitReady().loaded();
            String reply;
            String transcript;
            try (LineProcess bpftrace = OpsJvm.bpftrace(app.pid(), TEXT_SCRIPT)) {
                app.ask("await-enabled text", "enabled");
                reply = app.ask("text-threads " + threads + " " + kind + " " + fires, "fired ");
                bpftrace.interrupt();
                bpftrace.awaitExit();
                transcript = bpftrace.transcript();
            }
            System.out.println(threads + " " + kind + " threads: " + reply);
            long total = (long) threads * fires;
            Matcher fired = Pattern.compile("fired (\\d+) buffers=(\\d+)").matcher(reply);
            assertTrue(fired.matches(), reply);
            assertEquals(total, Long.parseLong(fired.group(1)), reply);
            Map<Integer, Long> counted = new HashMap<>();
            Pattern line = Pattern.compile("@\\[(\\d+), (.*)\\]: (\\d+)");
            for (String entry : transcript.lines().filter(l -> l.startsWith("@[")).toList()) {
                Matcher pair = line.matcher(entry);
                assertTrue(pair.matches(), entry);
                int key = Integer.parseInt(pair.group(1));
                assertEquals(OpsApp.threadText(key), pair.group(2), "the string of the thread with key " + key);
                counted.merge(key, Long.parseLong(pair.group(3)), Long::sum);
            }
            assertEquals(Math.min(threads, OpsApp.THREAD_TEXTS), counted.size(), transcript);
            assertEquals(total, counted.values().stream().mapToLong(Long::longValue).sum(), "every fire traced: " + transcript);
            assertEquals(0, app.exit(), app.transcript());
            return Integer.parseInt(fired.group(2));
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
