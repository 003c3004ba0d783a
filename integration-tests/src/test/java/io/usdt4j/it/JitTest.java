// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.usdt4j.testsupport.LineProcess;
import io.usdt4j.testsupport.Processes;
import io.usdt4j.testsupport.TracerRequirement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;

/**
 * A loop that C2 compiled while no tracer was attached still fires once one attaches: the
 * semaphore read is not hoisted out of the compiled loop.
 */
class JitTest {
    /** An on-stack-replacement compilation ({@code %}) at tier 4 (C2) of the spinning loop. */
    private static final Pattern C2_OSR_OF_SPIN = Pattern.compile("%\\s+4\\s+io\\.usdt4j\\.it\\.OpsApp::spin @");

    @Backend.Each
    void loopCompiledByC2BeforeTheTracerAttachesFiresOnceItAttaches(Backend backend, @TempDir Path temp) throws Exception {
        TracerRequirement.requireBpftrace();
        Path jitLog = temp.resolve("jit.log");
        try (LineProcess app = new LineProcess("OpsApp", OpsJvm.command(backend, temp.resolve("libs"),
                List.of("-Xlog:jit+compilation=debug:file=" + jitLog)))) {
            app.awaitReady().loaded();
            app.ask("spin", "spinning");
            awaitCompiled(jitLog);

            // Thread 0 is the spinning loop; exit() after its first event keeps the output short.
            try (LineProcess bpftrace = OpsJvm.bpftrace(app.pid(),
                    "usdt:*:usdt4j_ops:tick /arg0 == 0/ { printf(\"tick %ld %ld %ld\\n\", arg0, arg1, arg2); exit(); }")) {
                String[] tick = bpftrace.awaitPrefix("tick ").split(" ");
                long counter = Long.parseLong(tick[2]);
                assertEquals(OpsApp.checksum(0, counter), Long.parseLong(tick[3]), String.join(" ", tick));
                assertEquals(0, bpftrace.awaitExit(), bpftrace.transcript());
            }
            app.ask("stop", "stopped");
            assertEquals("enabled=false false", app.ask("enabled?", "enabled="), "after bpftrace exited");
            assertEquals(0, app.exit());
        }
    }

    private static void awaitCompiled(Path jitLog) throws Exception {
        long deadline = System.nanoTime() + Processes.PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(jitLog) && C2_OSR_OF_SPIN.matcher(Files.readString(jitLog)).find()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("C2 never compiled OpsApp.spin; the JIT log says:\n"
                + (Files.exists(jitLog) ? Files.readString(jitLog) : "(nothing)"));
    }
}
