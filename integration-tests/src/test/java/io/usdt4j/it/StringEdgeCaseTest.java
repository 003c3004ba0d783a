// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.usdt4j.testsupport.LineProcess;
import io.usdt4j.testsupport.TracerRequirement;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strings that do not map one to one onto a tracer's NUL-terminated UTF-8, traced by bpftrace:
 * each has the defined output docs/design.md (Strings) documents, and nothing is read past the copy.
 */
class StringEdgeCaseTest {
    /**
     * Short strings print as text; for long ones bpftrace reads single bytes, since its {@code str()}
     * stops at 200 bytes: the first, then offsets 251 to 255 (the 256-byte copy's last bytes).
     */
    private static final String SCRIPT = String.join("\n",
            "usdt:*:usdt4j_ops:text /arg1 < 200/ { printf(\"short %d [%s] %d %d %d\\n\", arg1, str(arg0),"
                    + " *(uint8 *)(arg0 + 6), *(uint8 *)(arg0 + 7), *(uint8 *)(arg0 + 12)); }",
            "usdt:*:usdt4j_ops:text /arg1 >= 200/ { printf(\"long %d %d %d %d %d %d %d\\n\", arg1,"
                    + " *(uint8 *)(arg0), *(uint8 *)(arg0 + 251), *(uint8 *)(arg0 + 252), *(uint8 *)(arg0 + 253),"
                    + " *(uint8 *)(arg0 + 254), *(uint8 *)(arg0 + 255)); }");

    @Backend.Each
    void edgeCasesHaveTheirDocumentedOutput(Backend backend, @TempDir Path temp) throws Exception {
        TracerRequirement.requireBpftrace();
        try (LineProcess app = new LineProcess("OpsApp", OpsJvm.command(backend, temp.resolve("libs"), List.of()))) {
            app.awaitReady().loaded();
            try (LineProcess bpftrace = OpsJvm.bpftrace(app.pid(), SCRIPT)) {
                app.ask("await-enabled text", "enabled");

                // An embedded NUL is copied as the byte 0: C-string readers stop there; the rest
                // ('a' = 97 at offset 7) and the terminator (offset 12) follow it.
                assertEquals("short 12 [before] 0 97 0", traced(app, bpftrace, "nul", "short 12 "));
                // A lone surrogate, high or low, becomes '?' (63), as in String.getBytes(UTF_8).
                assertEquals("[a?b]", bracketed(traced(app, bpftrace, "lone-high", "short 3 ")));
                assertEquals("[a?b]", bracketed(traced(app, bpftrace, "lone-low", "short 3 ")));
                // 1 MiB: its first 255 bytes, then the terminator.
                assertEquals("long 1048576 120 120 120 120 120 0", traced(app, bpftrace, "mebibyte", "long 1048576 "));
                // 253 bytes and a 4-byte character: the character does not fit, so it is left out whole.
                assertEquals("long 255 121 121 121 0", traced(app, bpftrace, "boundary", "long 255 ")
                        .replaceFirst(" \\d+ \\d+$", ""));
                // 251 bytes and a 4-byte character: exactly 255 bytes, the character kept whole (F0 9D 84 9E).
                assertEquals("long 253 122 240 157 132 158 0", traced(app, bpftrace, "boundary-fits", "long 253 "));
                bpftrace.interrupt();
                bpftrace.awaitExit();
            }
            assertEquals(0, app.exit());
        }
    }

    private static String traced(LineProcess app, LineProcess bpftrace, String name, String prefix) throws Exception {
        app.send("text " + name);
        app.awaitPrefix("fired text " + name);
        return bpftrace.awaitPrefix(prefix);
    }

    private static String bracketed(String line) {
        return line.substring(line.indexOf('['), line.indexOf(']') + 1);
    }
}
