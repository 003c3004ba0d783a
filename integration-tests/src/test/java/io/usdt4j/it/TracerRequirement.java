package io.usdt4j.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need a real tracer skip, with the reason printed, where it is missing; with
 * {@code USDT4J_REQUIRE_TRACER=1} (set by scripts/test.sh as root, and so in CI) they fail instead.
 */
final class TracerRequirement {
    private TracerRequirement() {}

    static boolean required() {
        return "1".equals(System.getenv("USDT4J_REQUIRE_TRACER"));
    }

    /** Aborts or fails the calling test unless {@code condition} holds. */
    static void require(boolean condition, String reason) {
        if (condition) {
            return;
        }
        if (required()) {
            fail(reason + " (USDT4J_REQUIRE_TRACER=1 makes this a failure instead of a skip)");
        }
        System.out.println("SKIPPED: " + reason);
        Assumptions.abort(reason);
    }

    static void requireBpftrace() {
        require(isRoot(), "bpftrace needs root to attach uprobes, and this JVM runs as "
                + System.getProperty("user.name"));
        require(onPath("bpftrace"), "bpftrace is not installed (apt-get install bpftrace)");
    }

    static boolean isRoot() {
        try {
            return Files.readString(Path.of("/proc/self/status")).lines()
                    .filter(line -> line.startsWith("Uid:"))
                    .anyMatch(line -> line.split("\\s+")[2].equals("0")); // effective uid
        } catch (java.io.IOException e) {
            return false;
        }
    }

    static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(":")) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, command))) {
                return true;
            }
        }
        return false;
    }
}
