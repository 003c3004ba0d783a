// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need a real tracer, root or a tool skip, with the reason printed, where it is
 * missing; with {@code USDT4J_REQUIRE_TRACER=1} (set by scripts/test.sh as root, and so in CI)
 * they fail instead.
 */
public final class TracerRequirement {
    /** Names a copy of libbpf's usdt.h, which usdt4j does not ship: the tests of that backend need one. */
    public static final String USDT_H_VARIABLE = "USDT4J_TEST_USDT_H";

    private TracerRequirement() {}

    /** Whether a missing tracer, tool or privilege fails the test instead of skipping it. */
    public static boolean required() {
        return "1".equals(System.getenv("USDT4J_REQUIRE_TRACER"));
    }

    /** Aborts or fails the calling test unless {@code condition} holds. */
    public static void require(boolean condition, String reason) {
        if (condition) {
            return;
        }
        if (required()) {
            fail(reason + " (USDT4J_REQUIRE_TRACER=1 makes this a failure instead of a skip)");
        }
        skip(reason);
    }

    /** Root and bpftrace on the PATH. */
    public static void requireBpftrace() {
        require(Host.isRoot(), "bpftrace needs root to attach uprobes, and this JVM runs as "
                + System.getProperty("user.name"));
        require(Host.onPath("bpftrace"), "bpftrace is not installed (apt-get install bpftrace)");
    }

    /** {@code command} on the PATH; {@code debianPackage} is what installs it. */
    public static void requireTool(String command, String debianPackage) {
        require(Host.onPath(command), command + " is not on the PATH (apt-get install " + debianPackage + ")");
    }

    /**
     * The copy of libbpf's usdt.h that {@value #USDT_H_VARIABLE} names. Without one the calling
     * test skips even under {@code USDT4J_REQUIRE_TRACER=1}, since that header is not ours to
     * install; naming something that is no file is a failure.
     */
    public static Path usdtHeader() {
        String configured = System.getenv(USDT_H_VARIABLE);
        if (configured == null || configured.isBlank()) {
            skip("the usdt.h backend is tested only when " + USDT_H_VARIABLE + " points at a copy of libbpf's usdt.h");
        }
        Path header = Path.of(configured);
        if (!Files.isRegularFile(header)) {
            fail(USDT_H_VARIABLE + "=" + configured + " is no file");
        }
        return header;
    }

    /** Aborts the calling test, printing why: the reason shows in the build's log, not only in a report. */
    private static void skip(String reason) {
        System.out.println("SKIPPED: " + reason);
        Assumptions.abort(reason);
    }
}
