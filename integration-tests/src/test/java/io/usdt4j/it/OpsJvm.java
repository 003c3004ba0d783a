// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;


import io.usdt4j.testsupport.LineProcess;
import io.usdt4j.testsupport.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Child JVMs running {@link OpsApp} on a backend's {@code usdt4j_ops} library. */
final class OpsJvm {
    static final String PROVIDER = "usdt4j_ops";

    private OpsJvm() {}

    /** {@code java [properties] -cp <build's classes and the runtime> OpsApp [args]}, extracting into {@code usdt4jDir}. */
    static List<String> command(ProviderBuild build, Path usdt4jDir, List<String> properties, String... args) {
        return build.javaCommand(usdt4jDir, properties, OpsApp.class.getName(), args);
    }

    /** The same on {@code backend}'s build. */
    static List<String> command(Backend backend, Path usdt4jDir, List<String> properties, String... args) throws IOException {
        return command(backend.build(), usdt4jDir, properties, args);
    }

    /**
     * The name the runtime extracts {@code build}'s library under, computed here independently:
     * the provider and the first 16 hex digits of the SHA-256 of its content.
     */
    static String extractedFileName(ProviderBuild build) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(build.library(PROVIDER)));
        return "libusdt4j-" + PROVIDER + "-" + HexFormat.of().formatHex(digest).substring(0, 16) + ".so";
    }

    /** Whether the dynamic linker mapped {@code library} into process {@code pid}. */
    static boolean mapped(long pid, Path library) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/maps"), StandardCharsets.UTF_8).stream()
                .anyMatch(line -> line.endsWith(" " + library));
    }

    /**
     * Starts {@code bpftrace} with {@code script} (plus {@code -p PID} when {@code pid} > 0) and
     * returns once its BEGIN probe printed {@code attached}: from then on no event is missed.
     */
    /** bpftrace's line "Attaching N probes...". */
    private static final Pattern ATTACHING = Pattern.compile("Attaching (\\d+) probes?");

    /**
     * Stops bpftrace as Ctrl-C does and waits for its exit, and so for everything it printed. On
     * SIGINT it detaches its probes one by one, and the kernel takes up to about 0.2 s for each
     * (measured: 41.6 s for 200 probes, docs/benchmarks-findings.md): the patience grows with them.
     */
    static int stopBpftrace(LineProcess bpftrace) throws Exception {
        bpftrace.interrupt();
        Matcher attaching = ATTACHING.matcher(bpftrace.transcript());
        int probes = attaching.find() ? Integer.parseInt(attaching.group(1)) : 0;
        return bpftrace.awaitExit(Processes.PATIENCE.plus(Duration.ofMillis(500L * probes)));
    }

    static LineProcess bpftrace(long pid, String script) throws Exception {
        List<String> command = new ArrayList<>(List.of("bpftrace"));
        if (pid > 0) {
            command.addAll(List.of("-p", Long.toString(pid)));
        }
        command.addAll(List.of("-e", "BEGIN { printf(\"attached\\n\"); }\n" + script));
        LineProcess bpftrace = new LineProcess("bpftrace", command);
        try {
            bpftrace.awaitPrefix("attached");
        } catch (AssertionError | InterruptedException e) {
            bpftrace.close();
            throw e;
        }
        return bpftrace;
    }

    /** A tmpfs mounted on {@code directory} for a try block (needs root). */
    static AutoCloseable mountTmpfs(Path directory, String options) throws Exception {
        Processes.run("mount", "-t", "tmpfs", "-o", options + ",size=16m", "tmpfs", directory.toString());
        return () -> Processes.run("umount", directory.toString());
    }
}
