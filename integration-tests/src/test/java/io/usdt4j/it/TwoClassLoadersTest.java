// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.testsupport.LineProcess;
import io.usdt4j.testsupport.TracerRequirement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same provider class in two isolated class loaders of one JVM. A JVM loads a library path
 * into one loader only ("already loaded in another classloader"), so the second loader loads a
 * copy of the same library under the name {@code libusdt4j-<provider>-<hash>.1.so}: both work.
 */
class TwoClassLoadersTest {
    @TempDir
    Path temp;

    @Backend.Each
    void eachLoaderLoadsItsOwnCopy(Backend backend) throws Exception {
        Path libs = temp.resolve("libs");
        try (LineProcess app = twoLoaders(backend, libs)) {
            List<Path> loaded = loaded(backend, app, libs);
            for (Path library : loaded) {
                assertTrue(OpsJvm.mapped(app.pid(), library), library + " mapped");
            }
            assertEquals(0, app.exit(), app.transcript());
            assertTrue(!app.transcript().contains("usdt4j: probes of provider"), "no warning:\n" + app.transcript());
        }
        try (var files = Files.list(libs)) {
            assertEquals(2, files.count(), "the library and one copy");
        }
    }

    /**
     * By library path: with {@code -p PID}, bpftrace 0.17 keeps only one library per
     * provider:probe name, and so sees only one of the two loaders.
     */
    @Backend.Each
    void bpftraceAttachedByPathSeesTheProbesOfBothLoaders(Backend backend) throws Exception {
        TracerRequirement.requireBpftrace();
        Path libs = temp.resolve("libs");
        try (LineProcess app = twoLoaders(backend, libs)) {
            StringBuilder script = new StringBuilder();
            for (Path library : loaded(backend, app, libs)) {
                script.append("usdt:").append(library)
                        .append(":usdt4j_ops:tick { printf(\"tick %ld %ld %ld\\n\", arg0, arg1, arg2); }\n");
            }
            try (LineProcess bpftrace = OpsJvm.bpftrace(0, script.toString())) {
                app.ask("await-enabled", "enabled");
                app.ask("fire", "fired");
                List<String> ticks = new ArrayList<>(List.of(bpftrace.awaitPrefix("tick "), bpftrace.awaitPrefix("tick ")));
                ticks.sort(null);
                assertEquals(List.of("tick 100 1 " + OpsApp.checksum(100, 1), "tick 101 1 " + OpsApp.checksum(101, 1)), ticks);
                bpftrace.interrupt();
                bpftrace.awaitExit();
            }
            assertEquals(0, app.exit(), app.transcript());
        }
    }

    private static LineProcess twoLoaders(Backend backend, Path libs) throws Exception {
        return new LineProcess("TwoLoadersApp", backend.build().javaCommand(libs, TwoLoadersApp.class.getName()));
    }

    /** Both loaders report a loaded library: the first under the usual name, the second a copy. */
    private static List<Path> loaded(Backend backend, LineProcess app, Path libs) throws Exception {
        String name = OpsJvm.extractedFileName(backend.build());
        assertEquals("loader 0 " + libs.resolve(name) + " reason=", app.awaitPrefix("loader 0 "));
        Path copy = libs.resolve(name.replace(".so", ".1.so"));
        assertEquals("loader 1 " + copy + " reason=", app.awaitPrefix("loader 1 "));
        return List.of(libs.resolve(name), copy);
    }
}
