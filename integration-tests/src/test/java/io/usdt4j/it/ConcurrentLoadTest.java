// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.testsupport.LineProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** Many JVMs extracting the same library into one empty directory at the same moment. */
class ConcurrentLoadTest {
    private static final int JVMS = 8;

    @Backend.Each
    void eightJvmsStartedTogetherAllLoadOneFile(Backend backend, @TempDir Path temp) throws Exception {
        Path libs = temp.resolve("libs");
        Path expected = libs.resolve(OpsJvm.extractedFileName(backend.build()));
        List<LineProcess> apps = new ArrayList<>();
        try {
            for (int i = 0; i < JVMS; i++) {
                apps.add(new LineProcess("OpsApp-" + i, OpsJvm.command(backend, libs, List.of(), "await-go")));
            }
            for (LineProcess app : apps) {
                app.awaitPrefix("waiting"); // started, provider untouched
            }
            for (LineProcess app : apps) {
                app.send("go");
            }
            for (LineProcess app : apps) {
                Path loaded = app.awaitReady().loaded();
                assertEquals(expected, loaded, app.transcript());
                // Not only the same name: the very file now in the directory, not one replaced under it.
                assertTrue(OpsJvm.mapped(app.pid(), expected), "pid " + app.pid() + " maps " + expected
                        + ":\n" + Files.readString(Path.of("/proc/" + app.pid() + "/maps")));
                app.ask("fire", "fired");
                assertEquals("enabled=false false", app.ask("enabled?", "enabled="));
            }
            for (LineProcess app : apps) {
                assertEquals(0, app.exit(), app.transcript());
            }
        } finally {
            for (LineProcess app : apps) {
                app.close();
            }
        }
        try (var files = Files.list(libs)) {
            assertEquals(List.of(expected), files.toList(), "one library, no temporary files");
        }
    }
}
