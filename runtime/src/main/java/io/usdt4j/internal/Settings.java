// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

import io.usdt4j.contract.PlatformId;

/**
 * Every {@code usdt4j.*} system property the runtime reads, read here and nowhere else (the
 * table in docs/deployment.md, System properties, lists the same). Each is read when asked, so that a test may
 * change it.
 */
final class Settings {
    /** {@code -Dusdt4j.disable=true}: every provider is a no-op and nothing is loaded. */
    static final String DISABLE = "usdt4j.disable";
    /** {@code -Dusdt4j.required=true}: a provider that cannot load throws instead of degrading. */
    static final String REQUIRED = "usdt4j.required";
    /** {@code -Dusdt4j.dir=/path}: where libraries are extracted. */
    static final String DIRECTORY = "usdt4j.dir";
    /** {@code -Dusdt4j.platform=darwin-aarch64}: simulate another platform, for tests. */
    static final String PLATFORM = "usdt4j.platform";
    /** {@code -Dusdt4j.probeNop=1|5|auto}: which probe sites fire. */
    static final String PROBE_NOP = "usdt4j.probeNop";
    /** {@code -Dusdt4j.semaphoreAccess=segment|unsafe|buffer}: how probes read their semaphores. */
    static final String SEMAPHORE_ACCESS = "usdt4j.semaphoreAccess";

    private Settings() {}

    static boolean disabled() {
        return Boolean.getBoolean(DISABLE);
    }

    static boolean required() {
        return Boolean.getBoolean(REQUIRED);
    }

    /** The configured library directory, or null for the default. */
    static String directory() {
        String value = System.getProperty(DIRECTORY, "");
        return value.isEmpty() ? null : value;
    }

    /** The platform this JVM runs on, or the one {@link #PLATFORM} simulates. */
    static PlatformId platform() {
        String override = System.getProperty(PLATFORM, "");
        if (override.isEmpty()) {
            return PlatformId.host();
        }
        try {
            return PlatformId.parse(override);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-D" + PLATFORM + "=" + override + ": " + e.getMessage(), e);
        }
    }

    /** {@code 1}, {@code 5} or {@code auto} (the default). */
    static String probeNop() {
        return System.getProperty(PROBE_NOP, "auto");
    }

    /** A kind of semaphore read, or null for the automatic choice. */
    static String semaphoreAccess() {
        return System.getProperty(SEMAPHORE_ACCESS);
    }

    static String userName() {
        return System.getProperty("user.name");
    }

    static String temporaryDirectory() {
        return System.getProperty("java.io.tmpdir");
    }

    static String kernelRelease() {
        return System.getProperty("os.version");
    }
}
