// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import io.usdt4j.testsupport.LineProcess;
import io.usdt4j.testsupport.Processes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
import io.usdt4j.testsupport.Directories;
import io.usdt4j.processor.UsdtProcessor;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;

/**
 * The consumer in {@code src/consumer} ({@code com.example.modshop}: a module that only requires
 * {@code io.usdt4j}), built as a user's build would: javac with this reactor's processor, its
 * library by each {@link Backend}, then jars. Compiled twice: as the named module, and without its
 * module-info as a plain jar, for the automatic-module and class-path shapes; each jarred with
 * each backend's library.
 */
final class ConsumerBuild {
    static final Path SOURCES = Path.of("src", "consumer").toAbsolutePath();
    static final String MODULE = "com.example.modshop";
    static final String MAIN = "com.example.modshop.Main";
    static final String PROVIDER = "modshop";
    /** A plain jar's automatic module is named after the file. */
    static final String AUTOMATIC_MODULE = "modshop";

    /** How the application is put together, and what {@code --enable-native-access} calls its module there. */
    enum Shape {
        NAMED_MODULE(MODULE), AUTOMATIC_MODULE(ConsumerBuild.AUTOMATIC_MODULE), CLASS_PATH("ALL-UNNAMED");

        final String nativeAccessName;

        Shape(String nativeAccessName) {
            this.nativeAccessName = nativeAccessName;
        }
    }

    /** One backend's jars: the named module's, and the plain one. */
    private record Jars(Path named, Path plain) {}

    private final Map<Backend, Jars> jars;
    private final Path runtime;

    private ConsumerBuild(Map<Backend, Jars> jars, Path runtime) {
        this.jars = jars;
        this.runtime = runtime;
    }

    static ConsumerBuild build(Path directory) throws Exception {
        Path runtime = ProviderBuild.runtimeClasses();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            sources = files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        }
        List<Path> withoutModuleInfo = sources.stream().filter(file -> !file.endsWith("module-info.java")).toList();

        Path named = compile(directory.resolve("named"), sources, List.of("--module-path", runtime.toString()));
        Path plain = compile(directory.resolve("plain"), withoutModuleInfo, List.of("-cp", runtime.toString()));

        Map<Backend, Jars> jars = new EnumMap<>(Backend.class);
        for (Backend backend : Backend.values()) {
            Path out = directory.resolve(backend.name());
            Path namedClasses = Directories.copy(named, out.resolve("named"));
            Path plainClasses = Directories.copy(plain, out.resolve("plain"));
            for (Path classes : List.of(namedClasses, plainClasses)) { // over the libraries the processor wrote
                assertTrue(backend.buildLibrary(classes, PROVIDER, PlatformId.host().platform(), out.resolve("native-work")),
                        backend + " library of " + PROVIDER);
            }
            jars.put(backend, new Jars(jar(namedClasses, out.resolve(MODULE + ".jar")),
                    jar(plainClasses, out.resolve(AUTOMATIC_MODULE + ".jar"))));
        }
        return new ConsumerBuild(jars, runtime);
    }

    /**
     * {@code java [options] ...} running the consumer's main class in {@code shape} with
     * {@code backend}'s library, extracting into {@code usdt4jDir}: no {@code --add-*} flag for the
     * named module (an automatic module, as for any explicit module that nothing requires, must add
     * {@code io.usdt4j} to the graph itself).
     */
    List<String> command(Backend backend, Shape shape, Path usdt4jDir, List<String> options) {
        Path namedJar = jars.get(backend).named();
        Path plainJar = jars.get(backend).plain();
        List<String> command = new ArrayList<>(List.of(Processes.java(), "-Dusdt4j.dir=" + usdt4jDir));
        command.addAll(options);
        switch (shape) {
            case NAMED_MODULE:
                command.addAll(List.of("-p", Processes.classPath(List.of(namedJar, runtime)), "-m", MODULE + "/" + MAIN));
                break;
            case AUTOMATIC_MODULE:
                command.addAll(List.of("-p", Processes.classPath(List.of(plainJar, runtime)), "--add-modules", "io.usdt4j",
                        "-m", AUTOMATIC_MODULE + "/" + MAIN));
                break;
            case CLASS_PATH:
                command.addAll(List.of("-cp", Processes.classPath(List.of(plainJar, runtime)), MAIN));
                break;
        }
        return command;
    }

    /** javac for Java 17, with the processor of this reactor (from this JVM's class path). */
    private static Path compile(Path output, List<Path> sources, List<String> paths) throws IOException {
        return compile(output, sources, paths, PROVIDER);
    }

    /** The same, for sources that declare {@code provider}. */
    static Path compile(Path output, List<Path> sources, List<String> paths, String provider) throws IOException {
        Files.createDirectories(output);
        Path generated = Files.createDirectories(output.resolveSibling(output.getFileName() + "-generated"));
        JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        List<String> options = new ArrayList<>(List.of("--release", "17", "-d", output.toString(),
                "-s", generated.toString(), "-Xlint:all,-processing", "-Werror"));
        options.addAll(paths);
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            JavaCompiler.CompilationTask task = javac.getTask(diagnostics, files, null, options, null,
                    files.getJavaFileObjectsFromPaths(sources));
            task.setProcessors(List.of(new UsdtProcessor()));
            assertTrue(task.call(), "javac " + String.join(" ", options) + ":\n" + diagnostics);
        }
        assertTrue(Files.isRegularFile(output.resolve(ResourceLayout.cSource(provider))), "the processor wrote the C source");
        return output;
    }

    private static Path jar(Path classes, Path jar) {
        ToolProvider tool = ToolProvider.findFirst("jar").orElseThrow();
        StringWriter out = new StringWriter();
        int exit = tool.run(new java.io.PrintWriter(out), new java.io.PrintWriter(out),
                "--create", "--file", jar.toString(), "-C", classes.toString(), ".");
        assertEquals(0, exit, "jar: " + out);
        return jar;
    }
}
