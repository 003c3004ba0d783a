// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.contract.Platform;
import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
import io.usdt4j.processor.UsdtProcessor;
import io.usdt4j.testsupport.OneFireApp;
import io.usdt4j.testsupport.Processes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * The consumer in {@code src/javac-consumer} (provider {@code plain}), which other build tools than
 * Maven build with the processor alone ({@link JavacBuildTest}, {@link GradleBuildTest}): what its
 * jar must carry, and how it is run and traced.
 */
final class PlainConsumer {
    static final Path SOURCES = Path.of("src", "javac-consumer").toAbsolutePath();
    static final String PROVIDER = "plain";
    static final String MAIN = "com.example.plain.PlainApp";
    static final List<PlatformId> PLATFORMS = Platform.defaults().stream().map(PlatformId::of).toList();

    private PlainConsumer() {}

    /** The published processor: one shaded jar that runs with nothing beside it. */
    static Path processorJar() {
        Path processor = Processes.classPathEntry(UsdtProcessor.class);
        assertTrue(Files.isRegularFile(processor) && processor.toString().endsWith(".jar"), "the processor comes from its"
                + " shaded jar in `mvn verify` (or from the local repository), not from " + processor);
        return processor;
    }

    /** Runs {@code builder} with PATH {@code path} and within a few minutes; it must succeed. */
    static Processes.Result run(ProcessBuilder builder, String path) throws Exception {
        builder.environment().put("PATH", path);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Processes.Result result = Processes.execute(Duration.ofMinutes(5), builder);
        assertEquals(0, result.exitCode(), String.join(" ", builder.command()) + ":\n" + result.output());
        return result;
    }

    /** C and C++ compilers, by the names Debian gives them: none may be on a PATH of {@link #toolsWithoutACompiler}. */
    private static final java.util.regex.Pattern COMPILER = java.util.regex.Pattern.compile(
            "(.*-)?(cc|gcc|g\\+\\+|c\\+\\+|cpp|clang.*|c89|c99|tcc)(-[0-9.]+)?");

    /**
     * A directory of links to every command of {@code /usr/bin} but the C compilers, for a PATH on
     * which a build tool finds its helpers (sh, sed, dirname) and no compiler.
     */
    static String toolsWithoutACompiler(Path directory) throws java.io.IOException {
        Files.createDirectories(directory);
        try (Stream<Path> commands = Files.list(Path.of("/usr/bin"))) {
            for (Path command : commands.toList()) {
                String name = command.getFileName().toString();
                if (!COMPILER.matcher(name).matches()) {
                    Files.createSymbolicLink(directory.resolve(name), command);
                }
            }
        }
        assertTrue(!Files.exists(directory.resolve("cc")) && !Files.exists(directory.resolve("gcc")), "a compiler is left");
        return directory.toString();
    }

    /** Every file the processor writes for the provider, a library and its digest for every platform among them. */
    static void assertCarriesEveryLibrary(Path jar) throws Exception {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (String path : ResourceLayout.generatedResources(PROVIDER, false, PLATFORMS)) {
                assertTrue(zip.getEntry(path) != null, path + " is not in " + jar);
            }
            for (PlatformId platform : PLATFORMS) {
                byte[] library = zip.getInputStream(zip.getEntry(ResourceLayout.library(platform, PROVIDER))).readAllBytes();
                byte[] digest = zip.getInputStream(zip.getEntry(ResourceLayout.libraryDigest(platform, PROVIDER))).readAllBytes();
                assertEquals(ResourceLayout.digestFile(library), new String(digest, StandardCharsets.US_ASCII));
            }
        }
    }

    /** Runs the jar with the runtime; bpftrace attaches to it by pid and reads exactly what Java passed. */
    static void runAndTrace(Path jar, Path usdt4jDir) throws Exception {
        List<String> command = List.of(Processes.java(), "--enable-native-access=ALL-UNNAMED", "-Dusdt4j.dir=" + usdt4jDir,
                "-cp", Processes.classPath(List.of(jar, ProviderBuild.runtimeClasses())), MAIN);
        assertEquals("order_placed -42 3 1", OneFireApp.trace(command, usdt4jDir.toString(), PROVIDER, "order_placed",
                "%ld %d %d", "arg0, arg1, arg2"));
    }
}
