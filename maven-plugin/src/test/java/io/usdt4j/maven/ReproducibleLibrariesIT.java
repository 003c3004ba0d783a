// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.maven;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.contract.Platform;
import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
import io.usdt4j.testsupport.TracerRequirement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A library written in Java depends on its provider's declaration alone. The consumer of
 * src/it/stale-files is built twice with real Maven: on this JDK and Linux with
 * {@code -Dusdt4j.backend=java}, and with the default backend on JDK 25 by a Maven that believes it
 * runs on macOS ({@code -Dos.name="Mac OS X" -Dos.arch=aarch64}), which therefore writes every
 * library in Java and says so, once per platform. Both jars carry the libraries of both Linux
 * platforms and everything else the processor wrote, byte for byte the same.
 */
class ReproducibleLibrariesIT {
    private static final List<String> PROVIDERS = List.of("before_rename", "changed", "removed");

    @Test
    void javaWrittenLibrariesAreTheSameOnLinuxAndMacOsOnJdk17And25() throws Exception {
        String configured = System.getProperty("usdt4j.jdk25", "");
        Path jdk25 = Path.of(configured.isEmpty() ? "/nonexistent" : configured);
        TracerRequirement.require(Files.isExecutable(jdk25.resolve("bin/java")), "no JDK 25 at '" + configured
                + "' (the parent pom's usdt4j.jdk25, or USDT4J_JDK25)");

        Path linux = ConsumerProjects.copy("stale-files", "backend-java-linux");
        String linuxLog = ConsumerProjects.mvn(linux, "java", false, Map.of(),
                List.of("-Dusdt4j.it.incremental=true", "-Dusdt4j.backend=java", "package"));
        Path mac = ConsumerProjects.copy("stale-files", "backend-auto-macos");
        String macLog = ConsumerProjects.mvn(mac, "macos", false, Map.of("JAVA_HOME", jdk25.toString(),
                "JAVA_TOOL_OPTIONS", "-Dos.name='Mac OS X' -Dos.arch=aarch64"), List.of("-Dusdt4j.it.incremental=true", "package"));

        for (Platform platform : Platform.defaults()) {
            assertTrue(linuxLog.contains("[INFO] usdt4j: " + platform.id() + ": written in Java; backend java\n"), linuxLog);
            assertTrue(macLog.contains("[INFO] usdt4j: " + platform.id() + ": written in Java; backend auto: this host is"
                    + " darwin-aarch64, and C compilers build the libraries on Linux only\n"), macLog);
        }
        Map<String, byte[]> expected = ConsumerProjects.usdt4jEntries(linux.resolve("target/stale-files-1.0.jar"));
        Map<String, byte[]> actual = ConsumerProjects.usdt4jEntries(mac.resolve("target/stale-files-1.0.jar"));
        for (String provider : PROVIDERS) {
            for (Platform platform : Platform.defaults()) {
                assertTrue(expected.containsKey(ResourceLayout.library(PlatformId.of(platform), provider)), provider + " " + platform);
            }
        }
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((path, bytes) -> assertArrayEquals(bytes, actual.get(path), path));
    }
}
