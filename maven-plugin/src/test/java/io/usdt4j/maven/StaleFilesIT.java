// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Builds a consumer project (src/it/stale-files) with real Maven and this reactor's runtime,
 * processor and plugin, twice without clean: between the builds, in main and in test sources, one
 * provider is renamed, one probe is renamed (and its provider loses {@code jfr = true}, so its
 * .jfc goes) and one interface's source is deleted. Afterwards no
 * file of a provider that is gone is in target/classes, target/test-classes or the jar.
 *
 * <p>Runs in the integration-test phase, after maven-invoker-plugin staged the reactor's artifacts
 * into their own repository; everything else comes from ~/.m2, offline.
 */
class StaleFilesIT {
    private static final String MAIN = "target/classes";
    private static final String TEST = "target/test-classes";
    private static final String JAR = "target/stale-files-1.0.jar";
    private static final String SOURCES = "src/main/java/com/example/fixture/";
    private static final String TEST_SOURCES = "src/test/java/com/example/fixture/";

    @ParameterizedTest(name = "useIncrementalCompilation={0}")
    @ValueSource(booleans = {true, false})
    void renameWithoutCleanLeavesNothingStale(boolean incremental) throws Exception {
        Path project = copyFixture("incremental-" + incremental);

        build(project, incremental, "first");
        assertEquals(withJfr(expected("before_rename", "changed", "removed"), "changed"), usdt4jFiles(project.resolve(MAIN)));
        assertEquals(withJfr(expected("test_before_rename", "test_changed", "test_removed"), "test_changed"),
                usdt4jFiles(project.resolve(TEST)));
        assertEquals(withJfr(expected("before_rename", "changed", "removed"), "changed"), usdt4jEntries(project.resolve(JAR)));

        for (String sources : List.of(SOURCES, TEST_SOURCES)) {
            String prefix = sources.equals(SOURCES) ? "" : "Test";
            edit(project.resolve(sources + prefix + "RenamedProbes.java"), "before_rename\"", "after_rename\"");
            edit(project.resolve(sources + prefix + "ChangedProbes.java"), "firstName", "secondName");
            edit(project.resolve(sources + prefix + "ChangedProbes.java"), "value = \"", "\"");
            edit(project.resolve(sources + prefix + "ChangedProbes.java"), ", jfr = true", "");
            Files.delete(project.resolve(sources + prefix + "RemovedProbes.java"));
        }
        build(project, incremental, "second");

        assertEquals(expected("after_rename", "changed"), usdt4jFiles(project.resolve(MAIN)));
        assertEquals(expected("test_after_rename", "test_changed"), usdt4jFiles(project.resolve(TEST)));
        assertEquals(expected("after_rename", "changed"), usdt4jEntries(project.resolve(JAR)));
        assertProbeRenamed(project.resolve(MAIN), "changed");
        assertProbeRenamed(project.resolve(TEST), "test_changed");
    }

    /** The renamed probe is in the description and the rebuilt library, the old name in neither. */
    private static void assertProbeRenamed(Path classes, String provider) throws Exception {
        for (String file : List.of(ResourceLayout.description(provider), ResourceLayout.library(PlatformId.host(), provider))) {
            String content = new String(Files.readAllBytes(classes.resolve(file)), StandardCharsets.ISO_8859_1);
            assertTrue(content.contains("second_name"), file + " lacks the new probe name");
            assertFalse(content.contains("first_name"), file + " still has the old probe name");
        }
        byte[] library = Files.readAllBytes(classes.resolve(ResourceLayout.library(PlatformId.host(), provider)));
        assertEquals(java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(library)) + "\n",
                Files.readString(classes.resolve(ResourceLayout.libraryDigest(PlatformId.host(), provider))),
                "the digest is the rebuilt library's");
    }

    /** Every file a provider has after a build for the default platforms. */
    private static Set<String> expected(String... providers) {
        Set<String> files = new TreeSet<>();
        for (String provider : providers) {
            files.addAll(ResourceLayout.generatedResources(provider, false,
                    io.usdt4j.contract.Platform.defaults().stream().map(PlatformId::of).toList()));
        }
        return files;
    }

    /** {@code files} and the JFR settings of {@code provider}, which has {@code jfr = true}. */
    private static Set<String> withJfr(Set<String> files, String provider) {
        Set<String> all = new TreeSet<>(files);
        all.add(ResourceLayout.jfrSettings(provider));
        return all;
    }

    private static Set<String> usdt4jFiles(Path classes) throws IOException {
        return new TreeSet<>(ConsumerProjects.usdt4jFiles(classes).keySet());
    }

    private static Set<String> usdt4jEntries(Path jar) throws IOException {
        return new TreeSet<>(ConsumerProjects.usdt4jEntries(jar).keySet());
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.contains(from), file + " lacks " + from);
        Files.writeString(file, text.replace(from, to));
    }

    private static Path copyFixture(String name) throws IOException {
        return ConsumerProjects.copy("stale-files", name);
    }

    /** {@code mvn package} (no clean), offline. */
    private static void build(Path project, boolean incremental, String which) throws Exception {
        String output = ConsumerProjects.mvn(project, which, false, Map.of(),
                List.of("-Dusdt4j.it.incremental=" + incremental, "package"));
        if (which.equals("second") && !incremental) {
            // With incremental compilation on, maven-compiler-plugin itself deletes every file the last
            // compilation wrote (the processor's, libraries included) before it compiles again; off,
            // it leaves them, and the plugin removes them.
            assertTrue(output.contains("usdt4j: removed "), "the second build logs what it removed:\n" + output);
        }
    }
}
