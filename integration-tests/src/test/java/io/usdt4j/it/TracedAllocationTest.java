// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.testsupport.LineProcess;
import io.usdt4j.testsupport.TracerRequirement;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;

/**
 * A traced fire allocates nothing, a String argument included: OpsApp fires each probe many times
 * under bpftrace and reports what its thread allocated (ThreadMXBean), which must stay under one
 * byte per fire (an object is at least 16). The string is written into native memory that the
 * provider keeps for its fires, not into a new array. bpftrace's counts prove that every fire was
 * traced. On a virtual thread too, whose own count is not kept: there, what every thread allocated.
 */
class TracedAllocationTest {
    private static final int FIRES = 20_000;
    /** Short, non-ASCII, a lone surrogate, longer than the limit, and much longer. */
    private static final List<String> VALUES = List.of("short", "non-ascii", "lone-high", "boundary", "mebibyte");

    @Backend.Each
    void tracedFiresAllocateNothing(Backend backend, @TempDir Path temp) throws Exception {
        assertTracedFiresAllocateNothing(backend, temp, "");
    }

    @Backend.Each
    @EnabledForJreRange(min = JRE.JAVA_21)
    void tracedFiresOnAVirtualThreadAllocateNothing(Backend backend, @TempDir Path temp) throws Exception {
        assertTracedFiresAllocateNothing(backend, temp, " virtual");
    }

    private static void assertTracedFiresAllocateNothing(Backend backend, Path temp, String thread) throws Exception {
        TracerRequirement.requireBpftrace();
        try (LineProcess app = new LineProcess("OpsApp", OpsJvm.command(backend, temp.resolve("libs"), List.of()))) {
            app.awaitReady().loaded();
            try (LineProcess bpftrace = OpsJvm.bpftrace(app.pid(),
                    "usdt:*:usdt4j_ops:tick /arg0 == -2/ { @fires = count(); } usdt:*:usdt4j_ops:text { @fires = count(); }")) {
                app.ask("await-enabled", "enabled");
                for (String value : VALUES) {
                    String reply = app.ask("allocated " + value + " " + FIRES + thread, "allocated ");
                    Matcher bytes = Pattern.compile("allocated tick=(\\d+) text=(\\d+)").matcher(reply);
                    assertTrue(bytes.matches(), reply);
                    assertTrue(Long.parseLong(bytes.group(1)) < FIRES, () -> FIRES + " traced fires of 3 longs: " + reply);
                    assertTrue(Long.parseLong(bytes.group(2)) < FIRES, () -> FIRES + " traced fires of " + value + ": " + reply);
                }
                bpftrace.interrupt();
                long fired = 2 * 2L * FIRES * VALUES.size(); // two probes, warm-up and measured rounds
                assertEquals("@fires: " + fired, bpftrace.awaitPrefix("@fires: "));
                bpftrace.awaitExit();
            }
            assertEquals(0, app.exit());
        }
    }
}
