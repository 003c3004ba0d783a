// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import io.usdt4j.Usdt;
import io.usdt4j.contract.Platform;
import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
import io.usdt4j.maven.NativeCompiler;
import io.usdt4j.testsupport.Directories;
import io.usdt4j.testsupport.Driver;
import io.usdt4j.testsupport.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * This module's providers ({@code usdt4j_it}, {@code usdt4j_ops}, ...) with the libraries of one
 * backend, and the class path a child JVM needs to run them: the class output as Maven built it
 * (the plugin compiled the C), a copy whose libraries usdt4j-writer wrote, or a copy rebuilt over
 * another probe header.
 *
 * @param name what built the libraries, as test names show it
 * @param classes the class output: the generated classes, and the libraries the runtime loads from beside them
 * @param classPath {@code classes}, then the runtime and the Driver the apps run on
 */
record ProviderBuild(String name, Path classes, List<Path> classPath) {
    static final String PROVIDER = "usdt4j_it";
    static final Path CLASSES = Path.of("target", "classes").toAbsolutePath();
    /** Where each backend's shared build is made, once per test JVM. */
    private static final Path SHARED = Path.of("target", "backends").toAbsolutePath();
    private static final Map<Backend, ProviderBuild> BUILT = new EnumMap<>(Backend.class);

    /**
     * {@code backend}'s build of this module's providers, made on first use in this JVM and shared
     * by every test, which must not change it ({@link #copy} gives one to change).
     */
    static synchronized ProviderBuild of(Backend backend) throws IOException {
        ProviderBuild build = BUILT.get(backend);
        if (build == null) {
            build = switch (backend) {
                case C -> fromMavenBuild();
                case JAVA -> {
                    Path directory = SHARED.resolve("java");
                    Directories.delete(directory);
                    yield copy(backend, directory);
                }
            };
            BUILT.put(backend, build);
        }
        return build;
    }

    /** Built by usdt4j-maven-plugin during this module's build, over sys/sdt.h on this machine. */
    private static ProviderBuild fromMavenBuild() {
        return new ProviderBuild(Backend.C.toString(), CLASSES, classPath(CLASSES));
    }

    /**
     * A copy of this module's class output in {@code directory} with {@code backend}'s libraries,
     * for every provider and every platform the backend builds here (each library's digest
     * rewritten): the runtime loads a provider's library from where its generated class was loaded.
     */
    static ProviderBuild copy(Backend backend, Path directory) throws IOException {
        Path classes = Directories.copy(CLASSES, directory.resolve("classes"));
        if (backend != Backend.C) {
            try {
                for (String provider : providers(classes)) {
                    for (Platform platform : Platform.values()) {
                        backend.buildLibrary(classes, provider, platform, directory.resolve("work"));
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(backend + " libraries in " + classes, e);
            }
        }
        return new ProviderBuild(backend.toString(), classes, classPath(classes));
    }

    /** The providers whose descriptions the processor wrote into {@code classes}. */
    static List<String> providers(Path classes) throws IOException {
        try (Stream<Path> files = Files.list(classes.resolve(ResourceLayout.ROOT))) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(ResourceLayout.DESCRIPTION_SUFFIX))
                    .map(name -> name.substring(0, name.length() - ResourceLayout.DESCRIPTION_SUFFIX.length())).sorted().toList();
        }
    }

    /**
     * Recompiles the generated C over libbpf's usdt.h into a copy of the class output in
     * {@code directory}, in place of the library Maven built (and without its digest, which
     * names that one).
     */
    static ProviderBuild overUsdtH(Path usdtHeader, Path directory) throws Exception {
        ProviderBuild copy = copy(Backend.C, directory);
        Path library = copy.library();
        Files.delete(library);
        Files.delete(copy.classes().resolve(ResourceLayout.libraryDigest(PlatformId.host(), PROVIDER)));
        NativeCompiler compiler = new NativeCompiler("cc", Path.of(System.getProperty("java.home")),
                usdtHeader, directory.resolve("work"), List.of());
        String warnings = compiler.compile(copy.classes().resolve(ResourceLayout.cSource(PROVIDER)), library,
                compiler.resolveHeader());
        if (!warnings.isBlank()) {
            throw new AssertionError("compiling over usdt.h warned:\n" + warnings);
        }
        return new ProviderBuild("C-built over usdt.h", copy.classes(), copy.classPath());
    }

    /** {@code first}, then the runtime and the Driver the apps run on. */
    private static List<Path> classPath(Path... first) {
        List<Path> entries = new ArrayList<>(List.of(first));
        entries.add(Processes.classPathEntry(Usdt.class));
        entries.add(Processes.classPathEntry(Driver.class));
        return List.copyOf(entries);
    }

    /** A command that runs {@code mainClass} in a new JVM like this one, extracting into {@code usdt4jDir}. */
    List<String> javaCommand(Path usdt4jDir, String mainClass) {
        return javaCommand(usdt4jDir, List.of(), mainClass);
    }

    /** The same, with {@code options} for that JVM and {@code arguments} for {@code mainClass}. */
    List<String> javaCommand(Path usdt4jDir, List<String> options, String mainClass, String... arguments) {
        List<String> jvmOptions = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED", "-Dusdt4j.dir=" + usdt4jDir));
        jvmOptions.addAll(options);
        return Processes.javaCommand(jvmOptions, classPath, mainClass, List.of(arguments));
    }

    /** The same class path with {@code classes} in place of this build's class output (a jar of it, say). */
    ProviderBuild withClasses(Path replacement) {
        List<Path> entries = new ArrayList<>(classPath);
        entries.set(0, replacement);
        return new ProviderBuild(name, replacement, List.copyOf(entries));
    }

    /** The runtime as this reactor built it: its jar or its classes directory, a module either way. */
    static Path runtimeClasses() {
        return Processes.classPathEntry(Usdt.class);
    }

    /** The library of {@code usdt4j_it} for this machine. */
    Path library() {
        return library(PROVIDER);
    }

    /** The library of {@code provider} for this machine. */
    Path library(String provider) {
        return library(provider, PlatformId.host().platform());
    }

    /** The library of {@code provider} for {@code platform}, which may not exist (the C backend skips a platform without its compiler). */
    Path library(String provider, Platform platform) {
        return classes.resolve(ResourceLayout.library(PlatformId.of(platform), provider));
    }

    /** The libraries of every provider for every platform that exist in this build. */
    List<Path> libraries() {
        try {
            List<Path> libraries = new ArrayList<>();
            for (String provider : providers(classes)) {
                for (Platform platform : Platform.values()) {
                    if (Files.isRegularFile(library(provider, platform))) {
                        libraries.add(library(provider, platform));
                    }
                }
            }
            return libraries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean exists() {
        return Files.isRegularFile(library());
    }

    @Override
    public String toString() {
        return name;
    }
}
