// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/**
 * An application a user would write and build with another tool than usdt4j's own build: it prints
 * {@code pid N}, then {@code library PATH} (or {@code unavailable WHY}), waits for a tracer, fires one
 * probe, prints {@code fired} and exits 0. Run it, attach bpftrace by pid, and keep what bpftrace
 * printed of the probe.
 */
public final class OneFireApp {
    private OneFireApp() {}

    /**
     * Runs {@code command}, traces {@code provider:probe} in it with bpftrace printing
     * {@code "<probe> <format>"} of {@code arguments} ({@code "%ld %d", "arg0, arg1"}), and returns
     * that line, after the app exited 0 having loaded its library from {@code libraryDirectory}.
     */
    public static String trace(List<String> command, String libraryDirectory, String provider, String probe, String format,
            String arguments) throws Exception {
        TracerRequirement.requireBpftrace();
        try (LineProcess app = new LineProcess(provider + " app", command)) {
            String pid = app.awaitPrefix("pid ").substring("pid ".length());
            String library = app.await(line -> line.startsWith("library ") || line.startsWith("unavailable "), "the library");
            assertTrue(library.startsWith("library " + libraryDirectory), library);
            String fired;
            try (LineProcess bpftrace = new LineProcess("bpftrace", List.of("bpftrace", "-p", pid, "-e",
                    "BEGIN { printf(\"attached\\n\"); } usdt:*:" + provider + ":" + probe + " {"
                            + " printf(\"" + probe + " " + format + "\\n\", " + arguments + "); }"))) {
                bpftrace.awaitPrefix("attached");
                fired = bpftrace.awaitPrefix(probe + " ");
                app.awaitPrefix("fired");
                bpftrace.interrupt();
                bpftrace.awaitExit();
            }
            assertEquals(0, app.awaitExit(), app.transcript());
            return fired;
        }
    }
}
