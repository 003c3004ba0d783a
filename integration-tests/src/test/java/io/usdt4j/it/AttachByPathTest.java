// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.testsupport.LineProcess;
import io.usdt4j.testsupport.TracerRequirement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stable {@code usdt4j.dir} gives a stable library path, so a tracer can attach by path before
 * the JVM starts: the kernel raises the semaphores when the JVM maps the file, and the probes fire.
 */
class AttachByPathTest {

    @Backend.Each
    void tracerAttachedByPathBeforeTheJvmStartsSeesItsProbes(Backend backend, @TempDir Path temp) throws Exception {
        TracerRequirement.requireBpftrace();
        Path libs = temp.resolve("libs");
        Path library = libs.resolve(OpsJvm.extractedFileName(backend.build()));
        try (LineProcess first = new LineProcess("OpsApp-extract", OpsJvm.command(backend, libs, List.of()))) {
            assertEquals(library, first.awaitReady().loaded()); // the name computed here is the one the runtime uses
            assertEquals(0, first.exit());
        }
        assertTrue(Files.isRegularFile(library));

        String probes = "usdt:" + library + ":usdt4j_ops:";
        try (LineProcess bpftrace = OpsJvm.bpftrace(0,
                probes + "tick { printf(\"tick %ld %ld %ld\\n\", arg0, arg1, arg2); }\n"
                        + probes + "text { printf(\"text %s %d\\n\", str(arg0), arg1); }")) {
            try (LineProcess app = new LineProcess("OpsApp", OpsJvm.command(backend, libs, List.of()))) {
                assertEquals(library, app.awaitReady().loaded(), "the same file, reused");
                app.send("await-enabled"); // the semaphores were raised by the kernel, not by bpftrace -p
                app.awaitPrefix("enabled");
                assertEquals("enabled=true true", app.ask("enabled?", "enabled="));
                app.ask("fire", "fired");
                assertEquals("tick -1 42 " + OpsApp.checksum(-1, 42), bpftrace.awaitPrefix("tick "));
                assertEquals("text hello 5", bpftrace.awaitPrefix("text "));
                assertEquals(0, app.exit());
            }
            bpftrace.interrupt();
            bpftrace.awaitExit();
        }
    }
}
