// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.Usdt;
import io.usdt4j.contract.Platform;
import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
import io.usdt4j.testsupport.OneFireApp;
import io.usdt4j.testsupport.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Kotlin through kapt, with kotlin-maven-plugin and this reactor's processor and plugin
 * (src/it/kapt): the provider is a Kotlin interface, which the processor sees as kapt's Java stub.
 * The plugin keeps it (its source is the stub, in no source root), the jar carries every
 * platform's library, runs, and bpftrace traces it. Then, with the interface deleted and no clean,
 * the next build leaves nothing of it.
 */
class KaptBuildIT {
    private static final String PROVIDER = "kshop";
    private static final String JAR = "target/kapt-shop-1.0.jar";

    @Test
    void aKotlinProviderIsBuiltTracedAndRemovedWhenDeleted() throws Exception {
        Path project = ConsumerProjects.copy("kapt", "kapt");
        // Online: Kotlin's plugin and compiler come from Maven Central into the staging repository.
        String log = ConsumerProjects.mvn(project, "first", true, Map.of(), List.of("package"));

        Set<String> expected = new TreeSet<>(ResourceLayout.generatedResources(PROVIDER, false,
                Platform.defaults().stream().map(PlatformId::of).toList()));
        assertEquals(expected, ConsumerProjects.usdt4jFiles(project.resolve("target/classes")).keySet(), log);
        assertEquals(expected, ConsumerProjects.usdt4jEntries(project.resolve(JAR)).keySet());
        assertTrue(log.contains("[INFO] usdt4j: provider '" + PROVIDER + "' -> "), log);
        assertTrue(!log.contains("usdt4j: removed"), log);

        runAndTrace(project);

        Files.delete(project.resolve("src/main/kotlin/org/kt/ShopProbes.kt"));
        Files.writeString(project.resolve("src/main/kotlin/org/kt/Main.kt"), "package org.kt\n\nfun main() {}\n");
        String second = ConsumerProjects.mvn(project, "second", false, Map.of(), List.of("package"));

        assertEquals(Set.of(), ConsumerProjects.usdt4jFiles(project.resolve("target/classes")).keySet(), second);
        assertEquals(Set.of(), ConsumerProjects.usdt4jEntries(project.resolve(JAR)).keySet());
        assertTrue(second.contains("(stale: provider '" + PROVIDER + "' is gone: org.kt.ShopProbes's source"
                + " org/kt/ShopProbes.java is in none of the source roots"), second);
    }

    /** The jar, with the runtime and Kotlin's standard library: bpftrace reads exactly what Kotlin passed. */
    private static void runAndTrace(Path project) throws Exception {
        String stdlib = "org/jetbrains/kotlin/kotlin-stdlib/2.4.21/kotlin-stdlib-2.4.21.jar";
        Path kotlin = Stream.of("usdt4j.it.repository", "usdt4j.it.repositoryTail")
                .map(repository -> Path.of(ConsumerProjects.property(repository)).resolve(stdlib))
                .filter(Files::isRegularFile).findFirst().orElseThrow(() -> new AssertionError("no " + stdlib));
        Path libraries = project.resolve("extracted");
        List<String> command = List.of(Processes.java(), "--enable-native-access=ALL-UNNAMED", "-Dusdt4j.dir=" + libraries,
                "-cp", Processes.classPath(List.of(project.resolve(JAR), Processes.classPathEntry(Usdt.class), kotlin)),
                "org.kt.MainKt");
        assertEquals("order_placed -42 3", OneFireApp.trace(command, libraries.toString(), PROVIDER, "order_placed", "%ld %d",
                "arg0, arg1"));
    }
}
