// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.contract.ResourceLayout;
import io.usdt4j.testsupport.Directories;
import io.usdt4j.testsupport.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * The consumer projects of src/it, which the ITs copy and build with real Maven (this reactor's
 * wrapper) against this reactor's runtime, processor and plugin: maven-invoker-plugin staged them
 * into a repository of their own before the integration-test phase; everything else comes from the
 * build's local repository (offline), or for a plugin the reactor does not use, such as Kotlin's,
 * from Maven Central into the staging repository.
 */
final class ConsumerProjects {
    private ConsumerProjects() {}

    /** A fresh copy of fixture {@code fixture}, named {@code name}, with its pom naming this reactor's version. */
    static Path copy(String fixture, String name) throws IOException {
        Path project = Path.of(property("usdt4j.it.work")).resolve(name);
        Directories.delete(project);
        Directories.copy(Path.of(property("usdt4j.it.fixtures")).resolve(fixture), project);
        Path pom = project.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("@usdt4j.version@", property("usdt4j.it.version")));
        // Its own .mvn, so that Maven does not take this repository's as the fixture's.
        Files.createDirectories(project.resolve(".mvn"));
        return project;
    }

    /**
     * {@code mvn -B -DskipTests <arguments>} in {@code project}, with the reactor's artifacts staged
     * before the local repository, {@code environment} added to Maven's; offline unless
     * {@code online}. It must succeed; its log is kept as {@code build-<which>.log}.
     */
    static String mvn(Path project, String which, boolean online, Map<String, String> environment, List<String> arguments)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(property("usdt4j.it.mvnw"), "-B", "-DskipTests",
                "-Dmaven.repo.local=" + property("usdt4j.it.repository"),
                "-Dmaven.repo.local.tail=" + property("usdt4j.it.repositoryTail")));
        if (!online) {
            command.add("-o");
        }
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        // A short build: the JIT's first tier and the serial collector halve its time.
        builder.environment().put("MAVEN_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        builder.environment().remove("MAVEN_ARGS");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().putAll(environment);
        // A guard against a hang, not a threshold.
        Processes.Result build = Processes.execute(Duration.ofMinutes(10), builder);
        String output = build.output();
        Files.writeString(project.resolve("build-" + which + ".log"), output);
        assertEquals(0, build.exitCode(), () -> "the " + which + " build failed: " + String.join(" ", command) + "\n" + output);
        return output;
    }

    /** Every file under META-INF/usdt4j/ of a class output, with its bytes, by path. */
    static Map<String, byte[]> usdt4jFiles(Path classes) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        Path root = classes.resolve(ResourceLayout.ROOT);
        if (Files.isDirectory(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    files.put(classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
            }
        }
        return files;
    }

    /** Every entry under META-INF/usdt4j/ of a jar, with its bytes, by path. */
    static Map<String, byte[]> usdt4jEntries(Path jar) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (var entry : zip.stream().filter(e -> !e.isDirectory() && e.getName().startsWith(ResourceLayout.ROOT)).toList()) {
                entries.put(entry.getName(), zip.getInputStream(entry).readAllBytes());
            }
        }
        return entries;
    }

    static String property(String name) {
        String value = System.getProperty(name);
        assertTrue(value != null && !value.isEmpty(), name + " is not set: run this test with mvn verify");
        return value;
    }
}
