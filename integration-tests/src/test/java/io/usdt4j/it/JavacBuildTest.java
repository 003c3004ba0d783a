// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.contract.Platform;
import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
import io.usdt4j.processor.UsdtProcessor;
import io.usdt4j.testsupport.LineProcess;
import io.usdt4j.testsupport.Processes;
import io.usdt4j.testsupport.TracerRequirement;
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
    private static final Path SOURCES = Path.of("src", "javac-consumer").toAbsolutePath();
    private static final String PROVIDER = "plain";
    private static final String MAIN = "com.example.plain.PlainApp";
    private static final List<PlatformId> PLATFORMS = Stream.of(Platform.values()).map(PlatformId::of).toList();

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

    /** The published processor: one shaded jar that runs with nothing beside it. */
    private static Path processorJar() {
        Path processor = Processes.classPathEntry(UsdtProcessor.class);
        assertTrue(Files.isRegularFile(processor) && processor.toString().endsWith(".jar"), "the processor comes from its"
                + " shaded jar in `mvn verify` (or from the local repository), not from " + processor);
        return processor;
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
                "-processorpath", processorJar().toString(), "-cp", ProviderBuild.runtimeClasses().toString(),
                "-d", classes.toString(), "-s", Files.createDirectories(work.resolve(name + "-generated")).toString()));
        try (Stream<Path> files = Files.walk(SOURCES)) {
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
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PATH", jdk.resolve("bin").toString());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Processes.Result result = Processes.execute(Duration.ofMinutes(2), builder);
        assertEquals(0, result.exitCode(), String.join(" ", command) + ":\n" + result.output());
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
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (String path : ResourceLayout.generatedResources(PROVIDER, false, PLATFORMS)) {
                assertTrue(zip.getEntry(path) != null, path + " is not in the jar");
            }
            for (PlatformId platform : PLATFORMS) {
                byte[] library = zip.getInputStream(zip.getEntry(ResourceLayout.library(platform, PROVIDER))).readAllBytes();
                byte[] digest = zip.getInputStream(zip.getEntry(ResourceLayout.libraryDigest(platform, PROVIDER))).readAllBytes();
                assertEquals(ResourceLayout.digestFile(library), new String(digest, java.nio.charset.StandardCharsets.US_ASCII));
            }
        }
    }

    /** The jar runs, loads its library, and bpftrace reads exactly what Java passed. */
    @Test
    void theJarRunsAndBpftraceTracesIt() throws Exception {
        TracerRequirement.requireBpftrace();
        List<String> command = List.of(Processes.java(), "--enable-native-access=ALL-UNNAMED",
                "-Dusdt4j.dir=" + work.resolve("extracted"), "-cp",
                Processes.classPath(List.of(jar, ProviderBuild.runtimeClasses())), MAIN);
        try (LineProcess app = new LineProcess("PlainApp", command)) {
            String pid = app.awaitPrefix("pid ").substring("pid ".length());
            String library = app.await(line -> line.startsWith("library ") || line.startsWith("unavailable "), "the library");
            assertTrue(library.startsWith("library "), library);
            try (LineProcess bpftrace = new LineProcess("bpftrace", List.of("bpftrace", "-p", pid, "-e",
                    "BEGIN { printf(\"attached\\n\"); } usdt:*:" + PROVIDER + ":order_placed {"
                            + " printf(\"order_placed %ld %d %d\\n\", arg0, arg1, arg2); }"))) {
                bpftrace.awaitPrefix("attached");
                assertEquals("order_placed -42 3 1", bpftrace.awaitPrefix("order_placed"));
                app.awaitPrefix("fired");
                bpftrace.interrupt();
                bpftrace.awaitExit();
            }
            assertEquals(0, app.awaitExit(), app.transcript());
        }
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
