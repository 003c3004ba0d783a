// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.usdt4j.contract.ResourceLayout;
import io.usdt4j.testsupport.TracerRequirement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor alone: the consumer in {@code src/javac-consumer} built with {@code javac} (the
 * published processor jar, alone, on {@code -processorpath}) and {@code jar}, with a PATH that holds
 * the JDK's tools and nothing else, so no C compiler; its jar carries the library of every
 * platform, runs, and bpftrace traces it. The same sources compiled by JDK 25's javac, and by a
 * javac that believes it runs on macOS, give the same libraries, byte for byte.
 */
class JavacBuildTest {
    @TempDir
    static Path work;

    /** The consumer's jar, built by this JVM's JDK. */
    private static Path jar;

    @BeforeAll
    static void buildWithJavacAndJar() throws Exception {
        Path jdk = Path.of(System.getProperty("java.home"));
        Path classes = javac(jdk, "jdk", List.of());
        jar = work.resolve("plain.jar");
        run(jdk, List.of(tool(jdk, "jar"), "--create", "--file", jar.toString(), "-C", classes.toString(), "."));
    }

    /**
     * {@code javac --release 17 -processorpath usdt4j-processor.jar -cp runtime ...} of {@code jdk},
     * with {@code javaOptions} for its JVM, into a fresh directory; its PATH is the JDK's {@code bin}.
     */
    private static Path javac(Path jdk, String name, List<String> javaOptions) throws Exception {
        Path classes = Files.createDirectories(work.resolve(name + "-classes"));
        List<String> command = new ArrayList<>(List.of(tool(jdk, "javac")));
        javaOptions.forEach(option -> command.add("-J" + option));
        command.addAll(List.of("--release", "17", "-Xlint:all,-processing", "-Werror",
                "-processorpath", PlainConsumer.processorJar().toString(), "-cp", ProviderBuild.runtimeClasses().toString(),
                "-d", classes.toString(), "-s", Files.createDirectories(work.resolve(name + "-generated")).toString()));
        try (Stream<Path> files = Files.walk(PlainConsumer.SOURCES)) {
            files.filter(file -> file.toString().endsWith(".java")).sorted().forEach(file -> command.add(file.toString()));
        }
        run(jdk, command);
        return classes;
    }

    private static String tool(Path jdk, String name) {
        return jdk.resolve("bin").resolve(name).toString();
    }

    /** {@code command} with PATH set to {@code jdk}'s {@code bin} alone: no cc, gcc or any other tool. */
    private static void run(Path jdk, List<String> command) throws Exception {
        PlainConsumer.run(new ProcessBuilder(command), jdk.resolve("bin").toString());
    }

    /** Every file under META-INF/usdt4j/ of a class output, with its bytes, by path. */
    private static Map<String, byte[]> usdt4jFiles(Path classes) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(classes.resolve(ResourceLayout.ROOT))) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        return files;
    }

    @Test
    void theJarCarriesEveryPlatformsLibraryAndItsDigest() throws Exception {
        PlainConsumer.assertCarriesEveryLibrary(jar);
    }

    /** The jar runs, loads its library, and bpftrace reads exactly what Java passed. */
    @Test
    void theJarRunsAndBpftraceTracesIt() throws Exception {
        PlainConsumer.runAndTrace(jar, work.resolve("extracted"));
    }

    /**
     * The libraries depend on the declaration alone: JDK 25's javac, and a javac that believes it
     * runs on macOS, write the same bytes as this JDK's on Linux.
     */
    @Test
    void theLibrariesAreTheSameOnJdk25AndOnMacOs() throws Exception {
        Path jdk = Path.of(System.getProperty("java.home"));
        Map<String, byte[]> linux = usdt4jFiles(work.resolve("jdk-classes"));
        assertFalse(linux.isEmpty());

        Map<String, byte[]> mac = usdt4jFiles(javac(jdk, "mac", List.of("-Dos.name=Mac OS X", "-Dos.arch=aarch64")));
        assertSameFiles(linux, mac, "a javac that believes it runs on darwin-aarch64");

        String configured = System.getProperty("usdt4j.jdk25", "");
        Path jdk25 = Path.of(configured.isEmpty() ? "/nonexistent" : configured);
        TracerRequirement.require(Files.isExecutable(jdk25.resolve("bin/javac")), "no JDK 25 at '" + configured
                + "' (the parent pom's usdt4j.jdk25, or USDT4J_JDK25)");
        assertSameFiles(linux, usdt4jFiles(javac(jdk25, "jdk25", List.of())), "JDK 25's javac");
    }

    private static void assertSameFiles(Map<String, byte[]> expected, Map<String, byte[]> actual, String which) {
        assertEquals(expected.keySet(), actual.keySet(), which);
        expected.forEach((path, bytes) -> assertArrayEquals(bytes, actual.get(path), which + ": " + path));
    }
}
